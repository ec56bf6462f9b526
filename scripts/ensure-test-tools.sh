#!/usr/bin/env bash
# What the tests start for real: a throwaway redis-server, and Debian's Chromium for the console's
# browser tests (driven by playwright-core; never a browser download). Installs the Debian
# packages that are missing, in one apt-get call.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing from Debian packages: ${missing[*]} (needed by the tests)" >&2
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "Install ${missing[*]} (e.g. apt-get install ${missing[*]}) and run the tests again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

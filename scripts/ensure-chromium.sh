#!/usr/bin/env bash
# The console's browser tests drive Debian's Chromium through playwright-core (never a browser
# download); install the Debian package when it is missing.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
echo "/usr/bin/chromium not found: installing it from Debian packages (apt-get install chromium)" >&2
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "Install Chromium (e.g. apt-get install chromium) and run the tests again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null

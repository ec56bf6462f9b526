#!/usr/bin/env bash
# Tests start their own throwaway redis-server; install it from Debian's packages when missing.
set -euo pipefail
command -v redis-server >/dev/null 2>&1 && exit 0
echo "redis-server not found: installing it from Debian packages (apt-get install redis-server)" >&2
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "Install redis-server (e.g. apt-get install redis-server) and run the tests again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq redis-server >/dev/null

#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (browsers cannot download their own builds here).
# Installs it when missing and we are allowed to; otherwise explains what to do.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_path" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian chromium for the browser tests..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium not found at $chromium_path. Install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
exit 1

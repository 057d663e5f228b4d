#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing (README: npm test).
# The machines run as root; elsewhere this stops with the exact install line — never a silent skip.
set -euo pipefail

need=()
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-calc)
if [ -f test/browser/.needs-chromium ] || ls test/browser/*.test.ts >/dev/null 2>&1; then
  command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
fi

[ ${#need[@]} -eq 0 ] && exit 0

line="apt-get update && apt-get install -y --no-install-recommends ${need[*]}"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages the tests need: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
else
  echo "The tests need system packages that are missing. Install them with:" >&2
  echo "  sudo $line" >&2
  exit 1
fi

#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for the browser tests when either is missing,
# and prints their paths. The tests use /usr/bin/chromium and /usr/bin/chromedriver (override
# with NINES_CHROMIUM and NINES_CHROMEDRIVER).
set -euo pipefail
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "installing chromium and chromium-driver from Debian ..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >&2
fi
echo /usr/bin/chromium
echo /usr/bin/chromedriver

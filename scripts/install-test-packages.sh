#!/usr/bin/env bash
# Installs the Debian packages the test suite runs for real, when any is missing:
#   prometheus (promtool, and a real Prometheus for the SLI source tests),
#   prometheus-alertmanager (alert fan-out), chromium and chromium-driver (browser tests),
#   poppler-utils (pdftotext, pdftoppm for the reports), faketime (the suite at month, year
#   and DST boundaries) and postgresql (the store suite on PostgreSQL).
# Packaged services are not started: a temporary policy-rc.d refuses service starts during the
# installation, and where systemd runs they are disabled afterwards.
#   scripts/install-test-packages.sh            # everything the tests need
#   scripts/install-test-packages.sh nginx ...  # these packages instead (e.g. for bench/)
set -euo pipefail

packages=("$@")
if [ ${#packages[@]} -eq 0 ]; then
  packages=(prometheus prometheus-alertmanager chromium chromium-driver poppler-utils faketime
    postgresql)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages: ${missing[*]}; installing them needs root (apt-get install ${missing[*]})" >&2
  exit 1
fi

POLICY=/usr/sbin/policy-rc.d
placed_policy=false
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$POLICY"
  chmod 755 "$POLICY"
  placed_policy=true
fi
cleanup() { if $placed_policy; then rm -f "$POLICY"; fi; }
trap cleanup EXIT

echo "installing ${missing[*]} from Debian ..." >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2

if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  for s in prometheus prometheus-alertmanager postgresql nginx prometheus-blackbox-exporter; do
    systemctl disable --now "$s" >/dev/null 2>&1 || true
  done
fi

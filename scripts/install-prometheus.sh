#!/usr/bin/env bash
# Installs promtool from Debian's `prometheus` package when it is missing, for the rule tests
# (`promtool check rules`, `promtool test rules`). Does not start the Prometheus service:
# a temporary policy-rc.d refuses service starts during the installation.
#   scripts/install-prometheus.sh        # prints the promtool path
set -euo pipefail

find_promtool() {
  command -v promtool 2>/dev/null || { [ -x /usr/bin/promtool ] && echo /usr/bin/promtool; }
}

if path=$(find_promtool); then
  echo "$path"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "promtool is missing and installing it needs root: apt-get install prometheus" >&2
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

echo "installing prometheus (for promtool) from Debian ..." >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >&2

# Where systemd is running, make sure the packaged service stays off.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now prometheus >/dev/null 2>&1 || true
fi

find_promtool || { echo "prometheus installed but promtool not found" >&2; exit 1; }

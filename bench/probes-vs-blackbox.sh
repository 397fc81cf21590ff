#!/usr/bin/env bash
# Probing cost, side by side: `nines serve` checking MONITORS HTTP monitors every INTERVAL
# against an nginx on loopback (storing every attempt and state in SQLite, as in production),
# and Debian's prometheus-blackbox-exporter probing the same nginx at the same rate, asked by
# `nines bench probe-load` over kept-alive connections as Prometheus would scrape it. Prints
# CPU seconds per 1,000 checks of each prober process (nginx and the load driver not counted)
# and their ratio, and the checks Nines missed; and, for calibration, the floor: a plain socket
# per check on one thread (bench/FreshConnectionFloor.java), what the connection alone costs.
#   bench/probes-vs-blackbox.sh
# Environment: MONITORS (10000), INTERVAL (10s), WARMUP (30, seconds), DURATION (60, seconds),
# MODES ("fresh keepalive": Nines with fresh connections, the default, and with keepAlive: true),
# NGINX_PORT (19380), BLACKBOX_PORT (19381), SERVER_JAVA_OPTS (JVM flags of nines serve),
# BLACKBOX (1; 0 measures Nines alone, for trying a change), NINES_JAR (a jar to measure
# instead of building target/nines.jar), TARGET_HOST (127.0.0.1; localhost makes both probers
# look the name up for every check).
set -euo pipefail
cd "$(dirname "$0")/.."
monitors="${MONITORS:-10000}"
interval="${INTERVAL:-10s}"
warmup="${WARMUP:-30}"
duration="${DURATION:-60}"
modes="${MODES:-fresh keepalive}"
nginx_port="${NGINX_PORT:-19380}"
blackbox_port="${BLACKBOX_PORT:-19381}"
jar="${NINES_JAR:-target/nines.jar}"

scripts/install-test-packages.sh nginx prometheus-blackbox-exporter
java_home="$(sh .mvn/find-jdk.sh)"
java="$java_home/bin/java"
if [ -z "${NINES_JAR:-}" ] && { [ ! -f "$jar" ] \
    || [ -n "$(find pom.xml src/main -newer "$jar" -print -quit)" ]; }; then
  echo "bench: building $jar ..." >&2
  ./mvnw -B -q -DskipTests package >&2
fi
case "$interval" in
  *ms) interval_seconds="$(awk -v v="${interval%ms}" 'BEGIN { print v / 1000 }')" ;;
  *s) interval_seconds="${interval%s}" ;;
  *m) interval_seconds="$(( ${interval%m} * 60 ))" ;;
  *) echo "bench: INTERVAL $interval: use s, ms or m" >&2; exit 2 ;;
esac
rate="$(awk -v n="$monitors" -v i="$interval_seconds" 'BEGIN { printf "%d", n / i }')"

work="$(mktemp -d /tmp/nines-bench-probes.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do
    kill -TERM "$p" 2>/dev/null || true
  done
  if [ -f "$work/nginx.pid" ]; then
    kill -QUIT "$(cat "$work/nginx.pid")" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

cpu_seconds() { # utime + stime of a process, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' \
    "/proc/$1/stat"
}
sys_seconds() { # stime of a process (the kernel's part), in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%.2f", $13 / hz }' \
    "/proc/$1/stat"
}

# nginx: one static answer on loopback.
mkdir -p "$work/nginx/logs"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nginx_port backlog=4096;
    location / { return 200 "ok\n"; }
  }
}
EOF
ulimit -n 65536 2>/dev/null || true
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"
target="http://${TARGET_HOST:-127.0.0.1}:$nginx_port/healthz"
echo "bench: $monitors monitors every $interval ($rate checks/s) against nginx $(nginx -v 2>&1 \
  | sed 's/.*\///') at $target; warm-up ${warmup} s, measured ${duration} s; $("$java" -version \
  2>&1 | head -n 1)"

spec() { # $1: fresh or keepalive
  printf 'apiVersion: nines/v1\nregions: [bench]\nservices: [{name: bench}]\nmonitors:\n'
  awk -v n="$monitors" -v iv="$interval" -v url="$target" -v ka="$1" 'BEGIN {
    for (i = 0; i < n; i++) {
      printf "  - {name: m%05d, service: bench, kind: http, interval: %s, timeout: 5s,%s request: {url: \"%s\", expectStatus: [200]}}\n", i, iv, ka == "keepalive" ? " keepAlive: true," : "", url
    }
  }'
}

declare -A per1000
run_nines() { # $1: fresh or keepalive
  local mode="$1" dir="$work/nines-$1" pid port c1 c2 k1 k2 t1 t2 checks missed
  mkdir -p "$dir"
  spec "$mode" >"$dir/spec.yaml"
  # shellcheck disable=SC2086
  NINES_API_TOKEN="bench-$RANDOM$RANDOM" "$java" ${SERVER_JAVA_OPTS:-} -jar "$jar" serve \
    --spec "$dir/spec.yaml" --data-dir "$dir/data" --port 0 >"$dir/out" 2>"$dir/err" &
  pid=$!
  pids+=("$pid")
  port=
  for _ in $(seq 1 600); do
    port="$(sed -n 's/.* on http:\/\/[^:]*:\([0-9][0-9]*\) .*/\1/p' "$dir/out")"
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$dir/err" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$port" ] || { echo "bench: nines did not start" >&2; exit 1; }
  sleep "$warmup"
  t1="$(date +%s%3N)"; c1="$(cpu_seconds "$pid")"; k1="$(sys_seconds "$pid")"
  sleep "$duration"
  c2="$(cpu_seconds "$pid")"; k2="$(sys_seconds "$pid")"; t2="$(date +%s%3N)"
  kill -TERM "$pid"
  wait "$pid" || true
  checks="$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute(
    'SELECT COUNT(*) FROM probe_attempt WHERE started_at >= ? AND started_at < ?',
    (int(sys.argv[2]), int(sys.argv[3]))).fetchone()[0])" "$dir/data/nines.db" "$t1" "$t2")"
  failed="$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute(
    'SELECT COUNT(*) FROM probe_attempt WHERE started_at >= ? AND started_at < ? AND NOT ok',
    (int(sys.argv[2]), int(sys.argv[3]))).fetchone()[0])" "$dir/data/nines.db" "$t1" "$t2")"
  missed="$(sed -n 's/.* attempts, \([0-9]*\) slots missed.*/\1/p' "$dir/err" | tail -n 1)"
  latency="$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); v=[r[0] for r in
    c.execute('SELECT total_ms FROM probe_attempt WHERE started_at >= ? AND started_at < ? '
    'ORDER BY total_ms', (int(sys.argv[2]), int(sys.argv[3])))]; print('%.2f ms, p99 %.2f ms' %
    (v[len(v) // 2], v[len(v) * 99 // 100]) if v else 'none')" "$dir/data/nines.db" "$t1" "$t2")"
  per1000[$mode]="$(awk -v c="$(awk -v a="$c2" -v b="$c1" 'BEGIN { print a - b }')" -v n="$checks" \
    'BEGIN { printf "%.3f", (n > 0 ? c / n * 1000 : 0) }')"
  printf 'nines (%s connections): %s CPU s (%s in the kernel) over %s s, %s checks (%s failed), '\
'%s slots missed in the whole run -> %s CPU s per 1,000 checks\n' "$([ "$mode" = fresh ] \
    && echo fresh || echo kept-alive)" "$(awk -v a="$c2" -v b="$c1" 'BEGIN { printf "%.2f", a - b }')" \
    "$(awk -v a="$k2" -v b="$k1" 'BEGIN { printf "%.2f", a - b }')" \
    "$(( (t2 - t1) / 1000 ))" "$checks" "$failed" "${missed:-?}" "${per1000[$mode]}"
  echo "  measured response time: median $latency"
}

run_blackbox() {
  local dir="$work/blackbox" pid out
  mkdir -p "$dir"
  cat >"$dir/blackbox.yml" <<EOF
modules:
  http_2xx:
    prober: http
    timeout: 5s
    http:
      valid_status_codes: [200]
      preferred_ip_protocol: ip4
EOF
  prometheus-blackbox-exporter --config.file="$dir/blackbox.yml" \
    --web.listen-address="127.0.0.1:$blackbox_port" --log.level=warn >"$dir/out" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$blackbox_port/-/healthy" >/dev/null 2>&1 && break
    sleep 0.1
  done
  out="$("$java" -jar "$jar" bench probe-load --url \
    "http://127.0.0.1:$blackbox_port/probe?module=http_2xx&target=$target" --rate "$rate" \
    --warmup "${warmup}s" --duration "${duration}s" --pid "$pid")" || true
  echo "$out" | sed 's/^/  /'
  local ok cpu
  ok="$(echo "$out" | sed -n 's/.* answered, \([0-9]*\) probe_success 1.*/\1/p')"
  cpu="$(echo "$out" | sed -n 's/.*prober CPU \([0-9.]*\) s.*/\1/p')"
  per1000[blackbox]="$(awk -v c="$cpu" -v n="$ok" 'BEGIN { printf "%.3f", (n > 0 ? c / n * 1000 : 0) }')"
  printf 'blackbox_exporter %s: %s CPU s over %s s, %s successful probes -> %s CPU s per 1,000 '\
'checks\n' "$(prometheus-blackbox-exporter --version 2>&1 | sed -n 's/.*version \([^ ]*\).*/\1/p' \
    | head -n 1)" "$cpu" "$duration" "$ok" "${per1000[blackbox]}"
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
}

for mode in $modes; do
  run_nines "$mode"
done
# What a fresh connection costs by itself here: the floor under any prober.
"$java" bench/FreshConnectionFloor.java "$nginx_port" "$rate" "$warmup" "$duration"
[ "${BLACKBOX:-1}" = 0 ] && exit 0
run_blackbox
for mode in $modes; do
  printf 'ratio nines (%s) / blackbox_exporter: %s (target: at most 0.25 with fresh connections)\n' \
    "$mode" "$(awk -v a="${per1000[$mode]}" -v b="${per1000[blackbox]}" \
      'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
done

#!/usr/bin/env bash
# Ingest benchmark: starts a Nines server (SQLite in a temp dir, or PostgreSQL from
# scripts/postgres-test-server.sh), runs the load generator `nines bench ingest` in a second
# JVM against it, prints the results and stops the server.
#   bench/ingest.sh [sqlite|postgresql]
# Environment: DURATION (default 30s), BATCH (1000), CONNECTIONS (8), SERVER_JAVA_OPTS and
# LOAD_JAVA_OPTS (extra JVM flags), LOAD_ARGS (more `nines bench ingest` options).
set -euo pipefail
cd "$(dirname "$0")/.."
store="${1:-sqlite}"
jar=target/nines.jar
java_home="$(sh .mvn/find-jdk.sh)"
java="$java_home/bin/java"

if [ ! -f "$jar" ] || [ -n "$(find pom.xml src/main -newer "$jar" -print -quit)" ]; then
  echo "bench: building $jar ..." >&2
  ./mvnw -B -q -DskipTests package >&2
fi

work="$(mktemp -d /tmp/nines-bench-ingest.XXXXXX)"
token="bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
db_args=()
case "$store" in
  sqlite) ;;
  postgresql)
    db_args=(--db "$(NINES_PG_DB=nines_bench scripts/postgres-test-server.sh reset)")
    ;;
  *) echo "usage: $0 [sqlite|postgresql]" >&2; exit 2 ;;
esac

server_pid=
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_server EXIT

# shellcheck disable=SC2086
NINES_API_TOKEN="$token" "$java" ${SERVER_JAVA_OPTS:-} -jar "$jar" serve \
  --spec examples/logistics.yaml --data-dir "$work/data" --port 0 "${db_args[@]}" \
  >"$work/server.out" 2>"$work/server.err" &
server_pid=$!

port=
for _ in $(seq 1 300); do
  port="$(sed -n 's/.* on http:\/\/[^:]*:\([0-9][0-9]*\) .*/\1/p' "$work/server.out")"
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "bench: the server did not start in 30 s" >&2; exit 1; }
echo "bench: server pid $server_pid on port $port, store $store ($("$java" -version 2>&1 | head -n 1))"

cpu_seconds() { # utime + stime of a process, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat"
}
before="$(cpu_seconds "$server_pid")"
# shellcheck disable=SC2086
"$java" ${LOAD_JAVA_OPTS:-} -jar "$jar" bench ingest --url "http://127.0.0.1:$port" \
  --token "$token" --duration "${DURATION:-30s}" --batch "${BATCH:-1000}" \
  --connections "${CONNECTIONS:-8}" ${LOAD_ARGS:-}
if ! kill -0 "$server_pid" 2>/dev/null; then
  wait "$server_pid" && code=0 || code=$?
  echo "bench: the server died during the run (exit $code); the end of its log:" >&2
  tail -n 30 "$work/server.err" >&2
  exit 1
fi
after="$(cpu_seconds "$server_pid")"
echo "server:    $(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.1f", a - b }') CPU seconds" \
  "during the run; $(grep -c WARN "$work/server.err" || true) warnings in its log"
if [ "$store" = sqlite ]; then
  echo "store:     $(du -sh "$work/data" | cut -f1) in $work/data"
fi

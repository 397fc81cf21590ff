#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL for the test suite, from Debian's packages.
#   scripts/postgres-test-server.sh start   # installs postgresql if missing, prints the JDBC URL
#   scripts/postgres-test-server.sh stop
#   scripts/postgres-test-server.sh reset   # start, then drop and recreate the database
# Then: NINES_TEST_PG_URL=$(scripts/postgres-test-server.sh url) ./mvnw verify
# Another cluster or database: NINES_PG_PORT (default 55432), NINES_PG_DIR (default
# /tmp/nines-pg-PORT), NINES_PG_DB (default nines_test); the fault tests and bench/ingest.sh
# use these for their own throwaway clusters and databases.
set -euo pipefail
PORT="${NINES_PG_PORT:-55432}"
DIR="${NINES_PG_DIR:-/tmp/nines-pg-$PORT}"
DB="${NINES_PG_DB:-nines_test}"
URL="jdbc:postgresql://127.0.0.1:$PORT/$DB?user=nines&password=nines"

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && echo "$d"
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

psql_admin() {
  as_postgres "$(pg_bin)/psql" -h 127.0.0.1 -p "$PORT" -U postgres "$@"
}

case "${1:-start}" in
  reset)
    "$0" start >/dev/null
    psql_admin -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
    psql_admin -qc "CREATE DATABASE $DB OWNER nines" >/dev/null
    echo "$URL"
    ;;
  start)
    if [ -z "$(pg_bin)" ]; then
      echo "installing postgresql from Debian ..." >&2
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    fi
    BIN=$(pg_bin)
    if ! as_postgres "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" 2>/dev/null; then
      if [ ! -f "$DIR/PG_VERSION" ]; then
        mkdir -p "$DIR"
        [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
        as_postgres "$BIN/initdb" -D "$DIR" -U postgres -A trust -E UTF8 >/dev/null
      fi
      as_postgres "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w \
        -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null
    fi
    as_postgres "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qtAc \
      "SELECT 1 FROM pg_roles WHERE rolname='nines'" | grep -q 1 \
      || as_postgres "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qc \
        "CREATE ROLE nines LOGIN PASSWORD 'nines' CREATEDB"
    as_postgres "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qtAc \
      "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1 \
      || as_postgres "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qc \
        "CREATE DATABASE $DB OWNER nines"
    echo "$URL"
    ;;
  stop)
    BIN=$(pg_bin)
    [ -f "$DIR/PG_VERSION" ] && as_postgres "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null || true
    ;;
  url)
    echo "$URL"
    ;;
  *)
    echo "usage: $0 start|stop|reset|url" >&2
    exit 2
    ;;
esac

# Throw-away PostgreSQL on 127.0.0.1 for the tests. Source it, then: pg_start [port]; ...; pg_stop
# pg_start [port] [directory]: a directory is kept (the bench's generated data sets): reused when it holds a cluster,
# left in place by pg_stop.
# initdb and postgres refuse to run as root, so they run as the postgres OS user (Debian's package creates it).
pg_start() {
  export PGPORT="${1:-${PGPORT:-55432}}" PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE="${PGDATABASE:-cerchio}"
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$PG_BIN" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)"; return 1; }
  if [ -n "${2:-}" ]; then PG_TMP="$2" PG_KEEP=1; mkdir -p "$PG_TMP"; else PG_TMP="$(mktemp -d /tmp/cerchio-pg.XXXXXX)" PG_KEEP=; fi
  export PG_BIN PG_TMP PG_KEEP
  local asuser="sh -c"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$PG_TMP"; asuser="su postgres -s /bin/sh -c"; fi
  local fresh=1
  [ -f "$PG_TMP/data/PG_VERSION" ] && fresh=
  [ -z "$fresh" ] || $asuser "'$PG_BIN/initdb' -D '$PG_TMP/data' -U postgres --auth=trust -E UTF8 --no-locale -N" >"$PG_TMP/initdb.log" 2>&1 \
    || { cat "$PG_TMP/initdb.log"; return 1; }
  $asuser "'$PG_BIN/pg_ctl' -D '$PG_TMP/data' -l '$PG_TMP/server.log' -w -t 30 \
      -o \"-c listen_addresses=127.0.0.1 -p $PGPORT -k '$PG_TMP' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start" >/dev/null \
    || { cat "$PG_TMP/server.log"; return 1; }
  [ -z "$fresh" ] || "$PG_BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres "$PGDATABASE"
  export PG_CONN="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=$PGDATABASE"
  echo "PostgreSQL ready on 127.0.0.1:$PGPORT"
}

pg_stop() {
  [ -n "${PG_TMP:-}" ] || return 0
  local asuser="sh -c"; [ "$(id -u)" = 0 ] && asuser="su postgres -s /bin/sh -c"
  $asuser "'$PG_BIN/pg_ctl' -D '$PG_TMP/data' -m fast -w stop" >/dev/null 2>&1
  [ -n "${PG_KEEP:-}" ] || rm -rf "$PG_TMP"
  unset PG_TMP
}

# Shared by the bench scripts (source it from the repository root): a Release build, a database, the demo company,
# a server on 127.0.0.1, and stopping what was started. Sets BENCH_TARGET (the SQLite file or a postgresql:// URL).

bench_build() { dotnet build src/Cerchio.Web -c Release -v q -nologo >/dev/null; }

# bench_database sqlite|postgres <directory> <postgres port>: Cerchio's database, and its key ring, in the directory.
bench_database() {
  export DataProtection__CertificatePath="$2/keys/cerchio-keyring.pfx"
  if [ "$1" = postgres ]; then
    source scripts/pg.sh
    pg_start "$3" "$2/pg" >/dev/null
    export Database__Provider=Postgres ConnectionStrings__Cerchio="$PG_CONN"
    BENCH_TARGET="postgresql://postgres@127.0.0.1:$PGPORT/$PGDATABASE"
  else
    export ConnectionStrings__Cerchio="Data Source=$2/bench.db"
    BENCH_TARGET="$2/bench.db"
  fi
}

# The demo company (migrating the database first); its sign-ins and a new API key in <directory>/seed.txt.
bench_seed() { (cd src/Cerchio.Web && dotnet bin/Release/net10.0/Cerchio.Web.dll seed-demo) >"$1/seed.txt"; }

# bench_dataset sqlite|postgres small|200k|1m <postgres port> [reuse]: the desk's generated data set (desk-data.py) in
# BENCH_DATA (under $BENCH_DATA_ROOT, default /tmp/cerchio-desk), made anew unless reuse is given and a complete one is
# there; its database is ready (bench_database) when this returns.
bench_dataset() {
  local cases
  case "$2" in small) cases=20000 ;; 200k) cases=200000 ;; 1m) cases=1000000 ;; *) echo "--scale small|200k|1m"; return 2 ;; esac
  BENCH_DATA="${BENCH_DATA_ROOT:-/tmp/cerchio-desk}/$1-$2"
  if [ -z "${4:-}" ] || [ ! -f "$BENCH_DATA/complete" ]; then
    rm -rf "$BENCH_DATA"; mkdir -p "$BENCH_DATA"
    bench_database "$1" "$BENCH_DATA" "$3"
    bench_seed "$BENCH_DATA"
    /usr/bin/python3 bench/desk-data.py generate "$1" "$BENCH_TARGET" "$cases"
    touch "$BENCH_DATA/complete"
  else
    bench_database "$1" "$BENCH_DATA" "$3"
  fi
  echo "data set: $BENCH_DATA ($(du -sh "$BENCH_DATA" | cut -f1)), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

bench_api_key() { sed -n 's/^API key: //p' "$1/seed.txt" | tail -1; }

bench_password() { sed -n 's/^Sign-ins (password \(.*\)):$/\1/p' "$1/seed.txt" | head -1; }

# bench_serve <port> <log> [configuration arguments…]: starts Cerchio, with an SMTP sink on <port> + 1000 for its own mail, and waits until it is
# ready. Without a sink every message (the SLA alerts of a data set's late cases) fails and is retried for hours,
# and the retries compete with what is measured.
bench_serve() {
  /usr/bin/python3 -W ignore -m smtpd -n -c DebuggingServer "127.0.0.1:$(($1 + 1000))" >/dev/null 2>&1 &
  BENCH_SMTP=$!
  export Smtp__Host=127.0.0.1 Smtp__Port=$(($1 + 1000)) Smtp__Security=None
  (cd src/Cerchio.Web && exec dotnet bin/Release/net10.0/Cerchio.Web.dll --urls "http://127.0.0.1:$1" "${@:3}") >"$2" 2>&1 &
  BENCH_SERVER=$!
  for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$1/health/ready" && return 0; sleep 0.1; done
  echo "Cerchio did not start:"; tail -20 "$2"; return 1
}

bench_stop() {
  [ -n "${BENCH_SERVER:-}" ] && kill "$BENCH_SERVER" 2>/dev/null && wait "$BENCH_SERVER" 2>/dev/null
  BENCH_SERVER=
  # The sink ends on the signal with a non-zero status; under set -e that would skip stopping PostgreSQL.
  [ -n "${BENCH_SMTP:-}" ] && kill "$BENCH_SMTP" 2>/dev/null && { wait "$BENCH_SMTP" 2>/dev/null || true; }
  BENCH_SMTP=
  if declare -F pg_stop >/dev/null; then pg_stop; fi
}

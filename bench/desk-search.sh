#!/usr/bin/env bash
# Full-text search latency: a Release build on a fresh database with the demo company and N generated messages
# (5 per case), GET /api/v1/search timed over HTTP, and on SQLite the bare FTS5 query for comparison.
# usage: bench/desk-search.sh [sqlite|postgres] [messages] [runs per query]
set -euo pipefail
cd "$(dirname "$0")/.."
provider="${1:-sqlite}"; messages="${2:-200000}"; runs="${3:-30}"
work="$(mktemp -d /tmp/cerchio-bench.XXXXXX)"
export DataProtection__CertificatePath="$work/keys/cerchio-keyring.pfx"
dotnet build src/Cerchio.Web -c Release -v q -nologo >/dev/null
if [ "$provider" = postgres ]; then
  source scripts/pg.sh; pg_start 55494 >/dev/null
  export Database__Provider=Postgres ConnectionStrings__Cerchio="$PG_CONN"
  target="postgresql://postgres@127.0.0.1:$PGPORT/$PGDATABASE"
else
  export ConnectionStrings__Cerchio="Data Source=$work/bench.db"
  target="$work/bench.db"
fi
cd src/Cerchio.Web
key="$(dotnet bin/Release/net10.0/Cerchio.Web.dll seed-demo | sed -n 's/^API key: //p')"
trap '[ -n "${server:-}" ] && kill $server 2>/dev/null; [ "$provider" = postgres ] && pg_stop; rm -rf "$work" /dev/shm/desk-*.tsv' EXIT
start=$(date +%s)
/usr/bin/python3 ../../bench/desk-search.py generate "$provider" "$target" "$messages"
echo "$messages messages indexed in $(( $(date +%s) - start )) s ($provider)"
dotnet bin/Release/net10.0/Cerchio.Web.dll --urls http://127.0.0.1:5098 >"$work/server.log" 2>&1 & server=$!
for _ in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:5098/health/ready && break; sleep 0.1; done
/usr/bin/python3 ../../bench/desk-search.py measure http://127.0.0.1:5098 "$key" "$runs"
[ "$provider" = sqlite ] && /usr/bin/python3 ../../bench/desk-search.py raw-sqlite "$target" "$runs"
exit 0

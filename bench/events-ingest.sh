#!/usr/bin/env bash
# Events ingestion throughput: a Release build on a fresh database with the demo company, batches of 1,000
# events over HTTP. usage: bench/events-ingest.sh [sqlite|postgres] [batches] [clients]
set -euo pipefail
cd "$(dirname "$0")/.."
provider="${1:-sqlite}"; batches="${2:-30}"; clients="${3:-2}"
work="$(mktemp -d /tmp/cerchio-bench.XXXXXX)"
# The key ring's certificate goes with the fresh database, not into the source tree's data/keys.
export DataProtection__CertificatePath="$work/keys/cerchio-keyring.pfx"
dotnet build src/Cerchio.Web -c Release -v q -nologo >/dev/null
if [ "$provider" = postgres ]; then
  source scripts/pg.sh; pg_start 55431 >/dev/null
  export Database__Provider=Postgres ConnectionStrings__Cerchio="$PG_CONN"
else
  export ConnectionStrings__Cerchio="Data Source=$work/bench.db"
fi
cd src/Cerchio.Web
key="$(dotnet bin/Release/net10.0/Cerchio.Web.dll seed-demo | sed -n 's/^API key: //p')"
dotnet bin/Release/net10.0/Cerchio.Web.dll --urls http://127.0.0.1:5099 >"$work/server.log" 2>&1 & server=$!
trap 'kill $server 2>/dev/null; [ "$provider" = postgres ] && pg_stop; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:5099/health/ready && break; sleep 0.1; done
/usr/bin/python3 ../../bench/events-ingest.py http://127.0.0.1:5099 "$key" "$batches" "$clients"

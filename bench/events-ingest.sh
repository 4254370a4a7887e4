#!/usr/bin/env bash
# Events ingestion throughput: a Release build on a fresh database with the demo company, batches of 1,000
# events over HTTP. usage: bench/events-ingest.sh [sqlite|postgres] [batches] [clients]
set -euo pipefail
cd "$(dirname "$0")/.."
provider="${1:-sqlite}"; batches="${2:-30}"; clients="${3:-2}"
work="$(mktemp -d /tmp/cerchio-bench.XXXXXX)"
source bench/common.sh
trap 'bench_stop; rm -rf "$work"' EXIT
bench_build
bench_database "$provider" "$work" 55431
bench_seed "$work"
bench_serve 5099 "$work/server.log"
/usr/bin/python3 bench/events-ingest.py http://127.0.0.1:5099 "$(bench_api_key "$work")" "$batches" "$clients"

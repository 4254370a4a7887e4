#!/usr/bin/env bash
# The service desk at scale: a Release build on a generated data set (desk-data.py: the demo company plus customers,
# cases and messages written straight into the database), then desk.py over HTTP: inbox pages, a case page with 20
# messages, search, case creation and inbound email; on SQLite also the bare FTS5 queries.
# usage: bench/desk.sh [sqlite|postgres] [--scale small|200k|1m] [--reuse] [--runs N]
#   small: 20,000 cases (~100,000 messages); 200k: 200,000 (~1,000,000); 1m: 1,000,000 (~5,000,000).
#   The data set stays in /tmp/cerchio-desk/<database>-<scale> (BENCH_DATA_ROOT instead of /tmp/cerchio-desk; several
#   GB at 1m; delete it by hand); --reuse
#   measures it again instead of generating it anew (measuring adds about 1,600 cases).
set -euo pipefail
cd "$(dirname "$0")/.."
provider=sqlite scale=small reuse= runs=30
while [ $# -gt 0 ]; do
  case "$1" in
    sqlite|postgres) provider=$1 ;;
    --scale) scale=$2; shift ;;
    --reuse) reuse=1 ;;
    --runs) runs=$2; shift ;;
    *) echo "usage: bench/desk.sh [sqlite|postgres] [--scale small|200k|1m] [--reuse] [--runs N]"; exit 2 ;;
  esac
  shift
done
source bench/common.sh
trap bench_stop EXIT
bench_build
bench_dataset "$provider" "$scale" 55463 "$reuse"
data=$BENCH_DATA
bench_serve 5097 "$data/server.log"
# Case 1000 has 20 messages: the generator gives them to every number ending in 000 (the demo company's are fewer).
number=1000
/usr/bin/python3 bench/desk.py measure http://127.0.0.1:5097 "$(bench_api_key "$data")" luca.ferri@rossiarredamenti.it \
  "$(bench_password "$data")" "$number" "$runs"
if [ "$provider" = sqlite ]; then /usr/bin/python3 bench/desk.py raw-sqlite "$BENCH_TARGET" 10; fi

#!/usr/bin/env bash
# The service desk at scale: a Release build on a generated data set (desk-data.py: the demo company plus customers,
# cases and messages written straight into the database), then desk.py over HTTP: inbox pages, a case page with 20
# messages, search, case creation and inbound email; on SQLite also the bare FTS5 queries.
# usage: bench/desk.sh [sqlite|postgres] [--scale small|200k|1m] [--reuse] [--runs N]
#   small: 20,000 cases (~100,000 messages); 200k: 200,000 (~1,000,000); 1m: 1,000,000 (~5,000,000).
#   The data set stays in /tmp/cerchio-desk/<database>-<scale> (several GB at 1m; delete it by hand); --reuse
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
case "$scale" in small) cases=20000 ;; 200k) cases=200000 ;; 1m) cases=1000000 ;; *) echo "--scale small|200k|1m"; exit 2 ;; esac
data="/tmp/cerchio-desk/$provider-$scale"
source bench/common.sh
trap bench_stop EXIT
bench_build
if [ -z "$reuse" ] || [ ! -f "$data/complete" ]; then
  rm -rf "$data"; mkdir -p "$data"
  bench_database "$provider" "$data" 55463
  bench_seed "$data"
  /usr/bin/python3 bench/desk-data.py generate "$provider" "$BENCH_TARGET" "$cases"
  touch "$data/complete"
else
  bench_database "$provider" "$data" 55463
fi
echo "data set: $data ($(du -sh "$data" | cut -f1)), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
bench_serve 5097 "$data/server.log"
# Case 1000 has 20 messages: the generator gives them to every number ending in 000 (the demo company's are fewer).
number=1000
/usr/bin/python3 bench/desk.py measure http://127.0.0.1:5097 "$(bench_api_key "$data")" luca.ferri@rossiarredamenti.it \
  "$(sed -n 's/^Sign-ins (password \(.*\)):$/\1/p' "$data/seed.txt" | head -1)" "$number" "$runs"
if [ "$provider" = sqlite ]; then /usr/bin/python3 bench/desk.py raw-sqlite "$BENCH_TARGET" 10; fi

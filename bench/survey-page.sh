#!/usr/bin/env bash
# The public survey page and the text analysis: a Release build on a fresh database with the demo company (its surveys
# and a year of answers), then survey-page.py: wrk on each live survey's page (a first visit) and on its one-tap score,
# and on POST /api/v1/text/analyze with batches of 100 comments; p50/p95 of the server's own times (its request log)
# and of the client's, and the bytes the page costs a phone.
# usage: bench/survey-page.sh [sqlite|postgres] [--seconds N]
#   --seconds: how long wrk runs each workload (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
provider=sqlite seconds=20
while [ $# -gt 0 ]; do
  case "$1" in
    sqlite|postgres) provider=$1 ;;
    --seconds) seconds=$2; shift ;;
    *) echo "usage: bench/survey-page.sh [sqlite|postgres] [--seconds N]"; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
source bench/common.sh
trap bench_stop EXIT
bench_build
data="${BENCH_DATA_ROOT:-/tmp/cerchio-bench}/survey-page-$provider"
rm -rf "$data"; mkdir -p "$data"
bench_database "$provider" "$data" 55466
bench_seed "$data"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# One address sends every answer here: the flood limit of public links would refuse all but the first 30 a minute.
bench_serve 5097 "$data/server.log" --Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information --Security:SurveyAnswersPerMinute=100000000
/usr/bin/python3 bench/survey-page.py http://127.0.0.1:5097 "$(bench_api_key "$data")" "$data/server.log" "$seconds"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"

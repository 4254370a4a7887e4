#!/usr/bin/env bash
# The journey map at scale: a Release build on the desk's data set (desk.sh's, made by desk-data.py when missing), the
# demo company's catalog brought to 40 touchpoints with the added ones on the default journey (desk-data.py
# touchpoints), the stored touchpoint days built by Cerchio's own sweep (every 2 s here; desk-data.py wait-days reports
# how long the build took), then journey-map.py: wrk on the map page and on GET /api/v1/touchpoints/metrics, a year and 30 days,
# p50/p95 of the server's own times (its request log) and of the client's.
# usage: bench/journey-map.sh [sqlite|postgres] [--scale small|200k|1m] [--reuse] [--seconds N]
#   --seconds: how long wrk runs each of the four workloads (default 30). The data set is desk.sh's (see there).
set -euo pipefail
cd "$(dirname "$0")/.."
provider=sqlite scale=small reuse= seconds=30
while [ $# -gt 0 ]; do
  case "$1" in
    sqlite|postgres) provider=$1 ;;
    --scale) scale=$2; shift ;;
    --reuse) reuse=1 ;;
    --seconds) seconds=$2; shift ;;
    *) echo "usage: bench/journey-map.sh [sqlite|postgres] [--scale small|200k|1m] [--reuse] [--seconds N]"; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
source bench/common.sh
trap bench_stop EXIT
bench_build
bench_dataset "$provider" "$scale" 55465 "$reuse"
data=$BENCH_DATA
# Each request's server time, in the JSON log (Hosting.Diagnostics "Request finished").
bench_serve 5098 "$data/server.log" --Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information --Sweep:Interval=00:00:02
journey=$(/usr/bin/python3 bench/journey-map.py prepare http://127.0.0.1:5098 luca.ferri@rossiarredamenti.it "$(bench_password "$data")" "$data/cookie")
/usr/bin/python3 bench/desk-data.py touchpoints "$provider" "$BENCH_TARGET"
# A build the server began before the touchpoints were written read the cases without them: wait for it to end, then
# have the days built again from the cases as they are now.
/usr/bin/python3 bench/desk-data.py wait-days "$provider" "$BENCH_TARGET" >/dev/null
/usr/bin/python3 bench/desk-data.py wait-days "$provider" "$BENCH_TARGET" --again
/usr/bin/python3 bench/journey-map.py measure http://127.0.0.1:5098 "$(bench_api_key "$data")" "$data/cookie" "$journey" "$data/server.log" "$seconds"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# The one test command (README and .ci/run call it): installs what is missing, starts a throw-away
# PostgreSQL on 127.0.0.1, runs unit, integration (SQLite and PostgreSQL) and browser tests, stops what
# it started and prints "N passed, N failed" last.
set -uo pipefail
cd "$(dirname "$0")"
root="$(pwd)"

# System packages: PostgreSQL, Chromium for the browser tests, aiosmtpd (SMTP) and dovecot (IMAP) as the mail tests' servers.
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${missing[*]}…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
  else
    echo "Missing ${missing[*]}: run as root once, or install them."; echo "0 passed, 1 failed"; exit 1
  fi
fi

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# shellcheck source=scripts/pg.sh
source scripts/pg.sh
pg_start "$(free_port)" || { echo "0 passed, 1 failed"; exit 1; }
trap pg_stop EXIT

results="$root/TestResults"
rm -rf "$results"; mkdir -p "$results"

status=0
dotnet build Cerchio.slnx -nologo -v q -clp:ErrorsOnly || { echo "Build failed."; echo "0 passed, 1 failed"; exit 1; }
for project in tests/Cerchio.Tests tests/Cerchio.Browser.Tests; do
  name="$(basename "$project")"
  dotnet test "$project" --no-build -nologo -v q --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

# Sum the TRX counters: dotnet test's own summary is not the line CI reads.
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
[ "$passed" -eq 0 ] && status=1
[ "$failed" -gt 0 ] && status=1
# The text analytics' figures on the held-out set (written by TextAnalysisEvaluationTests): shown, never judged here.
if [ -f "$results/text-analytics.txt" ]; then echo; cat "$results/text-analytics.txt"; echo; fi
echo "$passed passed, $failed failed"
exit $status

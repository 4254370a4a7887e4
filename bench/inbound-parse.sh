#!/usr/bin/env bash
# Inbound email parse throughput (messages/s) over the test corpus, one thread, Release build, no database.
# usage: bench/inbound-parse.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/InboundParse -c Release -v q -nologo >/dev/null
dotnet bench/InboundParse/bin/Release/net10.0/InboundParse.dll tests/Cerchio.Tests/Service/InboundMail "${1:-5}"

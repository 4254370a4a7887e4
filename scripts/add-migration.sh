#!/usr/bin/env bash
# Adds one migration to both databases' migrations projects (SQLite and PostgreSQL).
# usage: scripts/add-migration.sh AddCases
set -euo pipefail
name="${1:?usage: scripts/add-migration.sh <MigrationName>}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build tools/Cerchio.Migrations.Design -v q -nologo
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --no-build \
    --project "src/Cerchio.Data.$provider" \
    --startup-project tools/Cerchio.Migrations.Design \
    --context CerchioDb --output-dir Migrations -- "$provider"
done
echo "Added $name to Cerchio.Data.Sqlite and Cerchio.Data.Postgres."

#!/usr/bin/env bash
# Adds a migration to both migration sets: SQLite (Persistence/Sqlite/Migrations) and PostgreSQL
# (Persistence/Postgres/Migrations). Usage: scripts/add-migration.sh <Name>
# To remove the last one from both: scripts/add-migration.sh --remove
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh <Name> | --remove}
dotnet tool restore >/dev/null
dotnet build CornerSpot.Web -nologo -v q
for provider in Sqlite Postgres; do
  common=(--no-build --project CornerSpot.Domain --startup-project CornerSpot.Web --context "${provider}CornerSpotDb")
  if [ "$name" = --remove ]; then
    dotnet ef migrations remove "${common[@]}"
  else
    dotnet ef migrations add "$name" "${common[@]}" --output-dir "Persistence/$provider/Migrations"
  fi
done

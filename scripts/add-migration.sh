#!/usr/bin/env bash
# Keeps both migration sets in step with the model: SQLite (Persistence/Sqlite/Migrations) and PostgreSQL
# (Persistence/Postgres/Migrations).
#   scripts/add-migration.sh <Name>              adds a migration named <Name> to both sets
#   scripts/add-migration.sh --remove            removes the last migration of both sets
#   scripts/add-migration.sh --postgres-initial  replaces the PostgreSQL set with one initial migration of the model
#                                                (before any PostgreSQL installation exists to upgrade)
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh <Name> | --remove | --postgres-initial}
dotnet tool restore >/dev/null
ef() { dotnet ef migrations "$@" --no-build --project CornerSpot.Domain --startup-project CornerSpot.Web; }
if [ "$name" = --postgres-initial ]; then
  rm -rf CornerSpot.Domain/Persistence/Postgres/Migrations
  dotnet build CornerSpot.Web -nologo -v q
  ef add Initial --context PostgresCornerSpotDb --output-dir Persistence/Postgres/Migrations
  exit
fi
dotnet build CornerSpot.Web -nologo -v q
for provider in Sqlite Postgres; do
  if [ "$name" = --remove ]; then
    ef remove --context "${provider}CornerSpotDb"
  else
    ef add "$name" --context "${provider}CornerSpotDb" --output-dir "Persistence/$provider/Migrations"
  fi
done

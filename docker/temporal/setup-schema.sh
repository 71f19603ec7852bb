#!/bin/sh
# Creates or upgrades Temporal's PostgreSQL schemas (main and visibility). Safe to run on every
# `docker compose up`: existing databases are kept and only missing schema versions are applied.
set -eu

tool() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" "$@"; }

for db in temporal temporal_visibility; do
  case "$db" in
    temporal) schema=temporal ;;
    *) schema=visibility ;;
  esac
  tool --db "$db" create || echo "database $db already exists"
  tool --db "$db" setup-schema -v 0.0
  tool --db "$db" update-schema -d "/etc/temporal/schema/postgresql/v12/$schema/versioned"
done
echo "Temporal schemas are up to date"

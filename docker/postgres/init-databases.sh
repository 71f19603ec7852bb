#!/bin/sh
# Runs once, when the postgres container initialises an empty data volume: one login per service,
# so the app cannot touch Temporal's tables and Temporal cannot touch the app's.
set -eu

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" \
  -v autopilot_password="$AUTOPILOT_DB_PASSWORD" <<'SQL'
-- Temporal's schema tool creates its own databases (temporal, temporal_visibility).
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_password';
CREATE ROLE autopilot LOGIN PASSWORD :'autopilot_password';
CREATE DATABASE autopilot OWNER autopilot;
SQL

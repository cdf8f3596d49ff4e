#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with a role and database
# "quartier" (password "quartier") for the test suite. Installs and starts it if needed;
# fails loudly if it still cannot.
set -euo pipefail
HOST=127.0.0.1
PORT=5432

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi
}
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

if ! pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "PostgreSQL ist nicht installiert: installiere es mit apt-get …"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
  fi
  for version in $(ls /etc/postgresql); do
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 30); do
    pg_isready -q -h "$HOST" -p "$PORT" && break
    sleep 1
  done
fi
if ! pg_isready -q -h "$HOST" -p "$PORT"; then
  echo "FEHLER: PostgreSQL antwortet nicht auf $HOST:$PORT – die Tests auf PostgreSQL können nicht laufen." >&2
  exit 1
fi
if ! as_postgres psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname = 'quartier'" | grep -q 1; then
  as_postgres psql -qc "CREATE ROLE quartier LOGIN PASSWORD 'quartier' CREATEDB"
fi
if ! as_postgres psql -qtAc "SELECT 1 FROM pg_database WHERE datname = 'quartier'" | grep -q 1; then
  as_postgres psql -qc "CREATE DATABASE quartier OWNER quartier"
fi
echo "PostgreSQL bereit auf $HOST:$PORT"

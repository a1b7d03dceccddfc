#!/usr/bin/env bash
# Debian packages and services the full test suite needs: Chromium (browser tests), PostgreSQL
# (store tests), poppler-utils (PDF checks). Installs what is missing when run as root, starts
# PostgreSQL on 127.0.0.1:5432 and creates the test role and database. Prints the database URL.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-system: missing ${need[*]}; run this script as root (or: sudo apt-get install ${need[*]})" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${need[@]}" >&2
fi
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$ver main"; then
  pg_createcluster "$ver" main >&2
fi
if ! pg_lsclusters -h | grep -q "^$ver main.*online"; then
  pg_ctlcluster "$ver" main start >&2
fi
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 1
done
su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='readiness'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE ROLE readiness LOGIN PASSWORD 'readiness' CREATEDB\"" >&2
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='readiness_test'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE DATABASE readiness_test OWNER readiness\"" >&2
echo "postgresql+psycopg://readiness:readiness@127.0.0.1:5432/readiness_test"

#!/usr/bin/env bash
# Debian packages and services the full test suite needs: Chromium (browser tests), PostgreSQL
# (store tests), poppler-utils (PDF checks), nginx (several app processes behind a proxy: deploy/;
# never started here, the tests and deploy/room.py start their own from deploy/nginx.conf). Installs what is missing when run as root, starts
# PostgreSQL on 127.0.0.1:5432 and creates the test role and database. Prints the database URL.
# As another user (packages present), it only checks that the test database answers.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-system: missing ${need[*]}; run this script as root (or: sudo apt-get install ${need[*]})" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${need[@]}" >&2
fi
url="postgresql+psycopg://readiness:readiness@127.0.0.1:5432/readiness_test"
if [ "$(id -u)" -ne 0 ]; then
  # Not root: the packages are there; use the test database if it already answers, else say how to set it up.
  if PGPASSWORD=readiness PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p 5432 -U readiness -d readiness_test \
      -tAc "SELECT 1" 2>/dev/null | grep -q 1; then
    echo "$url"
    exit 0
  fi
  echo "setup-system: no PostgreSQL test database answers at 127.0.0.1:5432 (readiness/readiness_test)." >&2
  echo "setup-system: set it up once as root (sudo bash scripts/setup-system.sh), or point" >&2
  echo "setup-system: ASSESSMENT_TEST_POSTGRES_URL at a database you may create schemas in." >&2
  exit 1
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
echo "$url"

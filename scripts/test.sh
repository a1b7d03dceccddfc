#!/usr/bin/env bash
# The whole test suite, set-up included: Python packages, Chromium, PostgreSQL, then pytest.
# Extra arguments go to pytest (e.g. scripts/test.sh tests/test_scoring.py -x).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-python.sh
ASSESSMENT_TEST_POSTGRES_URL="${ASSESSMENT_TEST_POSTGRES_URL:-$(bash scripts/setup-system.sh)}"
export ASSESSMENT_TEST_POSTGRES_URL
export ASSESSMENT_REQUIRE_BROWSER=1 ASSESSMENT_REQUIRE_POSTGRES=1 ASSESSMENT_REQUIRE_NGINX=1
exec .venv/bin/python -m pytest "$@"

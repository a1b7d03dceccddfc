#!/usr/bin/env bash
# Benchmarks (pytest-benchmark): medians in the table and in .benchmarks/latest.json. A benchmark
# only measures; it never fails on speed. Compare with the targets afterwards, as ratios to this
# run's baseline: .venv/bin/python scripts/bench_check.py (README, "Benchmarks").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-python.sh
if [ -z "${ASSESSMENT_TEST_POSTGRES_URL:-}" ]; then
  echo "bench: PostgreSQL benchmarks skipped. To include them, point ASSESSMENT_TEST_POSTGRES_URL at a test" >&2
  echo "bench: database, e.g. ASSESSMENT_TEST_POSTGRES_URL=\$(bash scripts/setup-system.sh) bash scripts/bench.sh" >&2
fi
mkdir -p .benchmarks
exec .venv/bin/python -m pytest tests/benchmarks --benchmark-enable --benchmark-only \
  --benchmark-columns=median,mean,min,max,rounds --benchmark-json=.benchmarks/latest.json "$@"

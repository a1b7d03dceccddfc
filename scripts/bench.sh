#!/usr/bin/env bash
# Benchmarks (pytest-benchmark): medians printed in the table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-python.sh
exec .venv/bin/python -m pytest tests/benchmarks --benchmark-enable --benchmark-only \
  --benchmark-columns=median,mean,min,max,rounds "$@"

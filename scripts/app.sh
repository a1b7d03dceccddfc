#!/usr/bin/env bash
# Sets up (first run only) and starts the app on http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-python.sh
exec .venv/bin/streamlit run app.py "$@"

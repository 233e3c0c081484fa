#!/usr/bin/env bash
# `make test`: notebooks as tests (fast cells and the multi-process ones), then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
t0=$(date +%s)
echo "== nbdev_test: every notebook (skipping cells flagged slow/cuda)"
(cd nbs && ../$BIN/nbdev_test --n_workers 2 --flags multiproc --timing --skip_file_re '^_')
echo "== pytest: library in sync, notebooks clean, papermill end to end, docs"
$BIN/python -m pytest -q tests
echo "== make test took $(( $(date +%s) - t0 )) s"

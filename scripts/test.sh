#!/usr/bin/env bash
# `make test`: notebooks as tests (fast cells and the multi-process ones), then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
t0=$(date +%s)
# The browser tests need Debian's Chromium and MathJax (the docs ship MathJax locally: no CDN offline).
if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/javascript/mathjax ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing chromium and MathJax for the browser tests (apt)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libjs-mathjax fonts-mathjax >/dev/null) \
      || echo "   apt install failed: the browser tests will say they were skipped"
  else
    echo "== no chromium: the browser tests will be skipped (install chromium libjs-mathjax fonts-mathjax)"
  fi
fi
bash scripts/check.sh
echo "== notebooks: each in its own process, two at a time, as nbdev_test runs them (cells flagged slow/cuda skipped)"
(cd nbs && ls [0-9]*.ipynb index.ipynb studies/*.ipynb tutorials/*.ipynb) | xargs -P 2 -n 1 bash scripts/nbtest.sh
echo "== pytest: contracts, papermill end to end, docs, JupyterLab"
$BIN/python -m pytest -q --durations=12 tests --ignore=tests/test_sync.py   # test_sync ran in make check
echo "== make test took $(( $(date +%s) - t0 )) s"

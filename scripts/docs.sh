#!/usr/bin/env bash
# `make docs`: build the docs site into site/ from the notebooks, offline and without Quarto
# (MkDocs Material + mkdocs-jupyter fed by nbdev's processed notebooks; see scripts/docs.py).
# Options pass through, e.g. `bash scripts/docs.sh --no-exec` (stored outputs only, fast) or
# `--timeout 300 --workers 1`. Env: DOCS_OUT, DOCS_EXEC=0, DOCS_TIMEOUT, DOCS_WORKERS, DOCS_FLAGS.
# Where Quarto is installed, nbdev's own `nbdev_docs` still works and writes _docs/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false NO_MKDOCS_2_WARNING=1
export HF_HUB_OFFLINE="${HF_HUB_OFFLINE:-1}" HF_DATASETS_OFFLINE="${HF_DATASETS_OFFLINE:-1}" TRANSFORMERS_OFFLINE="${TRANSFORMERS_OFFLINE:-1}"
exec .venv/bin/python scripts/docs.py "$@"

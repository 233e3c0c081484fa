# Two commands on a fresh machine: `make demo` and `make test` (each sets up .venv first).
SHELL := /bin/bash
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export PYTHONUNBUFFERED := 1
export TOKENIZERS_PARALLELISM := false
export HF_HUB_OFFLINE ?= 1
export HF_DATASETS_OFFLINE ?= 1
export TRANSFORMERS_OFFLINE ?= 1

.PHONY: setup check demo test test-slow lab docs readme data clean-outputs

# One pip call with torch pinned beside everything else (an unpinned torch pulls a multi-GB CUDA build).
$(STAMP): requirements.txt setup.py settings.ini
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e . --config-settings editable_mode=compat
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	@touch $(STAMP)

setup: $(STAMP)

# The main job on the embedded default: train a small masked DLM, sample, evaluate (outputs/demo/).
demo: setup
	bash scripts/demo.sh

# The fast loop (under a minute): ruff, library in sync, notebooks clean, import layers. `make test` runs it first.
check: setup
	bash scripts/check.sh

# Every test: notebooks (fast flags + multiproc), pytest (sync/clean checks, papermill end to end, docs).
test: setup
	bash scripts/test.sh

test-slow: setup
	(cd nbs && ls [0-9]*.ipynb studies/*.ipynb tutorials/*.ipynb) | NBTEST_FLAGS="slow multiproc" xargs -P 2 -n 1 bash scripts/nbtest.sh

lab: setup
	$(BIN)/jupyter lab --notebook-dir=nbs $(if $(filter 0,$(shell id -u)),--allow-root,)

docs: setup
	bash scripts/docs.sh

readme: setup
	bash scripts/readme.sh

# Rebuild the bundled corpus and tokenizer from ../shared/corpora/shakespeare (they are committed).
data: setup
	$(BIN)/python -c "from dlm_nb.data import build_bundled_data; build_bundled_data()"

clean-outputs:
	rm -rf outputs/* && touch outputs/.gitkeep

# Two commands on a fresh machine:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint typecheck browser bench clean

# torch first: the CPU wheel (an unpinned torch, pulled by sentence-transformers, is a multi-GB
# CUDA build). Then the sentence-embedding model is exported to ONNX once (~10 s, into
# ~/.cache/rashomon), so the first `rashomon compare` neither waits for it nor loads PyTorch.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/python -c 'from rashomon.embed import export_onnx; export_onnx()'
	touch $(STAMP)

install: $(STAMP)

## Run the main job on the bundled example articles.
demo: $(STAMP)
	$(BIN)/rashomon compare examples/ferry/*.txt examples/ferry/*.html

## A real headless browser for the HTML report and web page tests (Debian's chromium).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

## Install everything and run the whole test suite (what CI runs).
test: $(STAMP) browser
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/analyze.py
	$(BIN)/python benchmarks/compare.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache

# Quick start: `make demo` (install + run on the demo corpus), `make test` (install + tests).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: demo test lint bench install

$(BIN)/onrecord-installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/onrecord-installed

demo: install
	$(BIN)/onrecord demo

test: install
	$(BIN)/python -m pytest

lint: install
	VENV=$(VENV) scripts/check

bench: install
	$(BIN)/python bench/throughput.py

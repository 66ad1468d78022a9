# Cải Tiến — the two commands are `make run` and `make test` (see README.md).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-sqlite test-postgres bench lint setup

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/caitien migrate --noinput -v0
	$(BIN)/caitien loadcatalog
	$(BIN)/caitien demo
	CAITIEN_DEBUG=1 $(BIN)/caitien runserver $(HOST):$(PORT)

test: $(STAMP)
	scripts/run-tests

test-sqlite: $(STAMP)
	scripts/run-tests sqlite

test-postgres: $(STAMP)
	scripts/run-tests postgres

bench: $(STAMP)
	$(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check caitien tests bench
	$(BIN)/ruff format --check caitien tests bench

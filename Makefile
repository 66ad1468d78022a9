# Cải Tiến — the two commands are `make run` and `make test` (see README.md).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: prepare run dev test test-sqlite test-postgres bench lint setup

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

prepare: $(STAMP)
	$(BIN)/caitien migrate --noinput -v0
	$(BIN)/caitien loadcatalog
	$(BIN)/caitien demo

# The production server (gunicorn + whitenoise, DEBUG off) and the background worker; Ctrl-C stops both.
run: prepare
	$(BIN)/python scripts/serve --host $(HOST) --port $(PORT)

# Django's development server (DEBUG, reloading on code changes) and the background worker.
dev: prepare
	$(BIN)/python scripts/serve --dev --host $(HOST) --port $(PORT)

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

# Quartier: `make run` serves the platform with demo data, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_TEST_URL ?= postgres://quartier:quartier@127.0.0.1:5432/quartier
PO_FILES := $(wildcard quartier/locale/*/LC_MESSAGES/django.po quartier/*/locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test install messages lint typecheck test-sqlite test-postgres postgres chromium \
        bench lock clean

install: $(VENV)/.installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Reinstalls only when the lock file or the project definition changed.
$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

%/LC_MESSAGES/django.mo: %/LC_MESSAGES/django.po $(VENV)/.installed
	$(BIN)/quartier compilepo $<

messages: $(MO_FILES)

run: install messages
	$(BIN)/quartier migrate --noinput
	$(BIN)/quartier demo
	@echo "Quartier läuft auf http://127.0.0.1:$(PORT) (Hintergrund-Worker gestartet)"
	@$(BIN)/quartier db_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/quartier runserver --noreload 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check quartier tests benchmarks conftest.py
	$(BIN)/ruff format --check quartier tests benchmarks conftest.py
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy quartier

postgres:
	bash scripts/ensure-postgres.sh

chromium:
	bash scripts/ensure-chromium.sh

test-sqlite: install messages chromium
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(BIN)/pytest

test-postgres: install messages chromium postgres
	DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest

test: lint typecheck
	$(BIN)/quartier makemigrations --check --dry-run
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

bench: install messages postgres
	@for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

# Developers: refresh the lock file after changing dependencies in pyproject.toml.
lock: $(BIN)/python
	$(BIN)/pip install -q uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) var

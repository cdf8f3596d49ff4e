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
        bench chaos lock clean fuzz

# Browser libraries (package.json, package-lock.json) are copied into this gitignored folder.
STATIC_VENDOR := quartier/network/static/network/vendor

install: $(VENV)/.installed $(STATIC_VENDOR)/.installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Reinstalls only when the lock file or the project definition changed.
$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

# sigma.js and graphology from npm: their own browser builds, with their licences.
$(STATIC_VENDOR)/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm fehlt: installiere nodejs und npm mit apt-get …"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO="sudo -n"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
	npm ci --no-audit --no-fund --ignore-scripts
	mkdir -p $(STATIC_VENDOR)
	cp node_modules/sigma/dist/sigma.min.js $(STATIC_VENDOR)/sigma.min.js
	cp node_modules/sigma/LICENSE.txt $(STATIC_VENDOR)/sigma.LICENSE.txt
	cp node_modules/graphology/dist/graphology.umd.min.js $(STATIC_VENDOR)/graphology.umd.min.js
	cp node_modules/graphology/LICENSE.txt $(STATIC_VENDOR)/graphology.LICENSE.txt
	touch $@

%/LC_MESSAGES/django.mo: %/LC_MESSAGES/django.po $(VENV)/.installed
	$(BIN)/quartier compilepo $<

messages: $(MO_FILES)

run: install messages
	$(BIN)/quartier migrate --noinput
	$(BIN)/quartier demo
	@echo "Quartier läuft auf http://127.0.0.1:$(PORT) (Hintergrund-Worker gestartet)"
	@bash scripts/run-worker.sh $(BIN) & worker=$$!; \
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

# A longer schemathesis pass over the whole API (make test runs a short one).
FUZZ_EXAMPLES ?= 50
fuzz: install messages
	QUARTIER_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 \
	  $(BIN)/pytest quartier/api/tests/test_fuzz.py

bench: install messages postgres
	@for script in $(filter-out benchmarks/faults.py,$(wildcard benchmarks/*.py)); do \
	  $(BIN)/python $$script || exit 1; done

# The fault run: server and worker on 127.0.0.1 against PostgreSQL, killed, cut off, flooded.
chaos: install messages postgres
	$(BIN)/python benchmarks/faults.py

# Developers: refresh the lock file after changing dependencies in pyproject.toml.
lock: $(BIN)/python
	$(BIN)/pip install -q uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) var node_modules $(STATIC_VENDOR)

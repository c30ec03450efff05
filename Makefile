# eqtrack: `make demo` to try it, `make test` to check it. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: install install-dev browser demo serve test test-postgres lint format assets benchmarks clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the project's dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/eqtrack demo
	$(BIN)/eqtrack serve --port $(PORT)

serve: install
	$(BIN)/eqtrack serve --port $(PORT)

lint: install-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: install-dev
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

# The accessibility tests drive Debian's Chromium (Playwright's own browser download
# does not work everywhere); installed with apt-get when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the accessibility tests"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }

# Runs against SQLite, or against the database EQTRACK_DATABASE_URL names.
test: lint browser
	$(BIN)/python -m pytest

test-postgres: install-dev browser
	EQTRACK_DATABASE_URL=$(PG_TEST_URL) $(BIN)/python -m pytest

assets:
	bash scripts/build-assets.sh

benchmarks: install-dev
	$(BIN)/python benchmarks/import_export.py
	$(BIN)/python benchmarks/parse.py
	$(BIN)/python benchmarks/report.py
	$(BIN)/python benchmarks/weighting.py

clean:
	rm -rf $(VENV) var

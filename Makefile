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
	$(BIN)/mypy src/eqtrack
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

# Debian packages the tests need: Chromium for the accessibility tests (Playwright's own
# browser download does not work everywhere), Pango and fonts for WeasyPrint's PDFs.
# Installed with apt-get when missing; nothing happens when they are there.
SYSTEM_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
browser:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages the tests need: $$missing"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

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
	$(BIN)/python benchmarks/web.py
	$(BIN)/python benchmarks/directory.py
	$(BIN)/python benchmarks/paygap.py
	$(BIN)/python benchmarks/import_fidelity.py
	$(BIN)/python benchmarks/themes.py
	$(BIN)/python benchmarks/consultation.py

clean:
	rm -rf $(VENV) var

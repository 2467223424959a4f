# Two commands set up everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
PORT ?= 8000
# Debian packages the tests need: a browser for Playwright, LibreOffice and fonts for PDF output.
TEST_DEBS := chromium fonts-liberation2 libreoffice-writer-nogui

# Python packages come from the lock, exact versions with their hashes (as npm's from
# package-lock.json); `make lock` remakes it from pyproject.toml (LOCK_FLAGS=--upgrade for newer ones).
LOCK := requirements/lock.txt
LOCK_FLAGS ?=

.PHONY: install lock run test lint bench test-system-deps clean

install: $(BIN)/.installed node_modules/.installed

$(BIN)/.installed: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python requirements/check_lock.py
	touch $@

lock:
	test -x $(BIN)/uv || { $(PYTHON) -m venv $(VENV) && $(BIN)/pip install --quiet uv; }
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra test --universal \
	  --python-version 3.11 --generate-hashes --quiet $(LOCK_FLAGS) -o $(LOCK)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: install
	DEBUG=true $(BIN)/thidua migrate --noinput
	DEBUG=true $(BIN)/thidua demo
	@echo "Thi Đua: http://127.0.0.1:$(PORT)/"
	DEBUG=true $(BIN)/thidua runserver 127.0.0.1:$(PORT)

test-system-deps:
	@missing=$$(for p in $(TEST_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages for the tests: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

test: install test-system-deps
	$(BIN)/pytest -n auto

# The same checks run before each commit with pre-commit (.pre-commit-config.yaml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint thidua --lint
	DEBUG=true $(BIN)/mypy
	DEBUG=true $(BIN)/thidua makemigrations --check --dry-run

# Reading speed of the plan reader, then dashboard pages on province-scale data (PostgreSQL when
# DATABASE_URL is set), then the deadline-day load on the served app (PostgreSQL only: LOAD_DATABASE_URL
# or DATABASE_URL; bench/load.py): results in bench/results.json. The load run is the budget's: 200
# people arriving one a second (a login costs 0,35 s of CPU), then 120 s measured.
LOAD_USERS ?= 200
LOAD_RAMP ?= 200
LOAD_DURATION ?= 120
bench: install
	$(BIN)/python bench/bench_extraction.py
	$(BIN)/python bench/bench_uploads.py
	$(BIN)/python bench/bench_pages.py
	$(BIN)/python bench/bench_documents.py
	LOAD_USERS=$(LOAD_USERS) LOAD_RAMP=$(LOAD_RAMP) LOAD_DURATION=$(LOAD_DURATION) $(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) node_modules staticfiles

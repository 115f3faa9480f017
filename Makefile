# One entry point for humans and CI. Every target sets up what it needs first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check lint chromium clean help bundle audit bench

help:
	@echo "make serve   set up and serve the playbook at http://$(HOST)"
	@echo "make build   set up and build site/ with --strict"
	@echo "make test    set up (test tools, headless Chromium) and run the whole suite"
	@echo "make check   check every scenario file"
	@echo "make lint    ruff and mypy"
	@echo "make bundle  offline zip and one-file edition in dist/ (same as playbook bundle)"
	@echo "make audit   pip-audit the installed dependencies (AUDIT_FLAGS=--strict in CI)"
	@echo "make bench   plugin cost against plain MkDocs at N=100, 1,000, 5,000 (about 20 min)"
	@echo "make linkcheck  build site/ and check every internal link"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install when the project's metadata changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,dev]"
	touch $(VENV)/.installed $@

# site_url names where the hosted site lives; locally it is served at the root of HOST.
serve: $(VENV)/.installed
	PLAYBOOK_SITE_URL=http://$(HOST)/ $(BIN)/mkdocs serve --dev-addr $(HOST)

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

check: $(VENV)/.installed
	$(BIN)/playbook check scenarios

chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(VENV)/.installed-test chromium
	$(BIN)/python -m pytest

# BENCH_FLAGS, e.g. --sizes 100,1000 --rounds 1 for a quick look.
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench.py $(BENCH_FLAGS)

bundle: $(VENV)/.installed
	$(BIN)/playbook bundle

# Every internal link of the built site, checked by LinkChecker (scripts/linkcheck.py).
.PHONY: linkcheck
linkcheck: build $(VENV)/.installed-test
	$(BIN)/python scripts/linkcheck.py site

lint: $(VENV)/.installed-test
	$(BIN)/ruff check plugins tests benchmarks scripts
	$(BIN)/ruff format --check plugins tests benchmarks scripts
	$(BIN)/mypy

# Known vulnerabilities in the installed dependencies (queries PyPI's JSON API).
AUDIT_FLAGS ?=
audit: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet "pip-audit>=2.7"
	$(BIN)/pip-audit --skip-editable --progress-spinner off $(AUDIT_FLAGS)

clean:
	rm -rf site dist build .pytest_cache

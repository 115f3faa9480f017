# One entry point for humans and CI. Every target sets up what it needs first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-quick check lint chromium clean help bundle audit bench uv upgrade lock golden

help:
	@echo "make serve   set up and serve the playbook at http://$(HOST) (ENGINE=...)"
	@echo "make build   set up and build site/ with --strict (ENGINE=mkdocs|properdocs|zensical)"
	@echo "make test    set up (test tools, headless Chromium) and run the whole suite"
	@echo "make check   check every scenario file"
	@echo "make test-quick  the suite without browser, build and slow tests (seconds)"
	@echo "make lint    ruff and mypy"
	@echo "make golden  rewrite tests/bad/**/*.expected from the checks' output, showing the diff"
	@echo "make lock    re-lock after editing pyproject.toml (moves nothing else)"
	@echo "make upgrade refresh uv.lock to the newest releases the ranges allow"
	@echo "make search-eval  situation finder: top-1/top-3 accuracy and out-of-scope flags"
	@echo "make bundle  offline zip and one-file edition in dist/ (ENGINE=mkdocs|properdocs)"
	@echo "make audit   pip-audit the installed dependencies (AUDIT_FLAGS=--strict in CI)"
	@echo "make bench   plugin cost against plain MkDocs at N=100, 1,000, 5,000 (about 20 min)"
	@echo "make linkcheck  build site/ and check every internal link"

# Every Python package comes from uv.lock (hashes included), installed by uv. uv itself is taken
# from PATH when it is the pinned version, else installed from PyPI with pinned hashes into
# .cache/uv-tool/ (scripts/uv-requirements.txt): the machine needs only Python 3.11+ and make.
UV_VERSION := $(shell sed -n 's/^uv==\([0-9.]*\).*/\1/p' scripts/uv-requirements.txt)
UV_TOOL    := .cache/uv-tool
UV         := $(shell command -v uv >/dev/null 2>&1 && uv --version 2>/dev/null | grep -qx "uv $(UV_VERSION)" && command -v uv || echo $(UV_TOOL)/bin/uv)
# uv uses the machine's Python (never downloads one) and syncs into .venv.
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# --locked: fail if uv.lock no longer matches pyproject.toml, never re-resolve on the quiet.
# `make upgrade` and the weekly latest.yml workflow are the only places that move versions.
SYNC_FLAGS ?= --locked

$(UV_TOOL)/bin/uv: scripts/uv-requirements.txt
	$(PYTHON) -m venv $(UV_TOOL)/venv
	$(UV_TOOL)/venv/bin/python -m pip install --quiet --disable-pip-version-check \
	  --require-hashes --no-deps --target $(UV_TOOL) -r scripts/uv-requirements.txt
	touch $@

uv: $(if $(filter $(UV_TOOL)/bin/uv,$(UV)),$(UV_TOOL)/bin/uv)

# The runtime packages only (serve, build, check, bundle); test tools already there stay.
$(VENV)/.installed: pyproject.toml uv.lock | uv
	$(UV) sync $(SYNC_FLAGS) --no-default-groups --inexact --quiet
	touch $@

# Everything in the lock's default groups: runtime, test and dev tools, exactly.
$(VENV)/.installed-test: pyproject.toml uv.lock | uv
	$(UV) sync $(SYNC_FLAGS) --quiet
	touch $(VENV)/.installed $@

# `make lock` after editing pyproject.toml's dependencies: resolve what changed, move nothing else.
lock: | uv
	$(UV) lock
	$(UV) sync --quiet
	touch $(VENV)/.installed $(VENV)/.installed-test

# Refresh uv.lock to the newest releases pyproject.toml's ranges allow, then install them.
upgrade: | uv
	$(UV) lock --upgrade
	$(UV) sync --quiet
	touch $(VENV)/.installed $(VENV)/.installed-test

# The engine that builds the site (ENGINES.md): mkdocs (the default, the locked MkDocs 1.6 +
# Material stack in .venv), properdocs or zensical, each installed alone from its own locked
# dependency group into .venv-ENGINE.
ENGINES := mkdocs properdocs zensical
ENGINE  ?= mkdocs
ifeq ($(filter $(ENGINE),$(ENGINES)),)
$(error ENGINE=$(ENGINE): choose one of $(ENGINES))
endif
ENGINE_VENV := $(if $(filter mkdocs,$(ENGINE)),$(VENV),.venv-$(ENGINE))

.venv-properdocs/.installed .venv-zensical/.installed: .venv-%/.installed: pyproject.toml uv.lock | uv
	UV_PROJECT_ENVIRONMENT=.venv-$* $(UV) sync $(SYNC_FLAGS) --no-default-groups --group $* --quiet
	touch $@

# site_url names where the hosted site lives; locally it is served at the root of HOST.
# Zensical serves the Markdown export (build/zensical): edits to scenarios/ need a new
# `make serve ENGINE=zensical` (ENGINES.md).
serve: $(ENGINE_VENV)/.installed
ifeq ($(ENGINE),mkdocs)
	PLAYBOOK_SITE_URL=http://$(HOST)/ $(BIN)/mkdocs serve --dirty --dev-addr $(HOST)
else ifeq ($(ENGINE),properdocs)
	PLAYBOOK_SITE_URL=http://$(HOST)/ $(ENGINE_VENV)/bin/properdocs serve -f mkdocs.yml --dev-addr $(HOST)
else
	PLAYBOOK_SITE_URL=http://$(HOST)/ $(ENGINE_VENV)/bin/python -m scenario_playbook.publish.engines export $(ENGINE)
	cd build/zensical && ../../$(ENGINE_VENV)/bin/zensical serve --dev-addr $(HOST)
endif

build: $(ENGINE_VENV)/.installed
ifeq ($(ENGINE),mkdocs)
	$(BIN)/mkdocs build --strict
else ifeq ($(ENGINE),properdocs)
	$(ENGINE_VENV)/bin/properdocs build --strict -f mkdocs.yml
else
	$(ENGINE_VENV)/bin/python -m scenario_playbook.publish.engines build $(ENGINE)
endif

check: $(VENV)/.installed
	$(BIN)/playbook check scenarios

chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The whole suite, with the 15 slowest tests listed at the end.
PYTEST_FLAGS ?=
test: $(VENV)/.installed-test .venv-properdocs/.installed .venv-zensical/.installed chromium
	$(BIN)/python -m pytest --durations=15 $(PYTEST_FLAGS)

# The part a contributor runs while editing: no browser, no site build, nothing marked slow.
test-quick: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not browser and not build and not slow" $(PYTEST_FLAGS)

# BENCH_FLAGS, e.g. --sizes 100,1000 --rounds 1 for a quick look.
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench.py $(BENCH_FLAGS)

bundle: $(ENGINE_VENV)/.installed
ifeq ($(ENGINE),mkdocs)
	$(BIN)/playbook bundle
else
	$(ENGINE_VENV)/bin/python -m scenario_playbook.publish.engines bundle $(ENGINE)
endif

# The situation finder's figures over tests/search/queries.yml.
.PHONY: search-eval
search-eval: $(VENV)/.installed
	$(BIN)/playbook search-eval

# Every internal link of the built site, checked by LinkChecker (scripts/linkcheck.py).
.PHONY: linkcheck
linkcheck: build $(VENV)/.installed-test
	$(BIN)/python scripts/linkcheck.py site

# After a deliberate change of messages: rewrite the golden files and review the diff printed.
golden: $(VENV)/.installed-test
	$(BIN)/python tests/regen_golden.py

lint: $(VENV)/.installed-test
	$(BIN)/ruff check plugins tests benchmarks scripts
	$(BIN)/ruff format --check plugins tests benchmarks scripts
	$(BIN)/mypy

# Known vulnerabilities in the installed dependencies (queries PyPI's JSON API).
AUDIT_FLAGS ?=
audit: $(VENV)/.installed-test
	mkdir -p .cache
	$(UV) export --frozen --no-emit-project --all-groups --format requirements-txt \
	  --output-file .cache/audit-requirements.txt --quiet
	$(BIN)/pip-audit --disable-pip --no-deps --progress-spinner off \
	  -r .cache/audit-requirements.txt $(AUDIT_FLAGS)

clean:
	rm -rf site dist build .pytest_cache

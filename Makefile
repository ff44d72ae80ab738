# Timeledger — `make run` serves the demo on SQLite, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000

AXE_VERSION := 4.10.3
AXE := src/timeledger/testing/vendor/axe-$(AXE_VERSION).min.js

.PHONY: install chromium axe messages catalogues run demo test test-sqlite test-postgres bench bench-api bench-import bench-tryton mutate lint format clean

install: $(STAMP)

# The stamp's name carries pyproject.toml's hash: a changed pyproject is a missing stamp. (No
# dependency on the file's time: a fresh checkout or a git worktree sharing this .venv would
# reinstall, and re-point the editable install at itself.)
$(STAMP):
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

# Browser tests drive Debian's Chromium (never a downloaded browser).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

# axe-core (accessibility rules) for the browser tests, from the npm registry, vendored as a file
# the tests inject with Playwright (never loaded from a CDN).
axe: $(AXE)

$(AXE):
	mkdir -p $(dir $@)
	tmp=$$(mktemp -d) && cd $$tmp && npm pack -s axe-core@$(AXE_VERSION) >/dev/null && \
		tar -xzf axe-core-$(AXE_VERSION).tgz package/axe.min.js && \
		cp package/axe.min.js $(CURDIR)/$@ && rm -rf $$tmp

# The UI's catalogues (de, nl, fr): the translations live in src/timeledger/locale/translations.py,
# locale/tables/*.py and the .po files; compiling them is part of setting up (the .mo files are
# not kept in git).
messages: install
	DEBUG=1 $(PY) manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules --ignore=var

# After marking strings: extract them into the .po files, fill in the translations of
# locale/translations.py and locale/tables/*.py, compile.
catalogues: install
	DEBUG=1 $(PY) manage.py makemessages --no-wrap -l de -l nl -l fr -v0 --ignore=.venv --ignore=var --ignore=node_modules
	DEBUG=1 $(PY) manage.py makemessages --no-wrap -d djangojs -l de -l nl -l fr -v0 --ignore=.venv --ignore=var --ignore=node_modules --ignore=*/vendor/*
	$(PY) src/timeledger/locale/translations.py
	DEBUG=1 $(PY) manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules --ignore=var

demo: install messages
	mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --noinput -v0
	DEBUG=1 $(PY) manage.py load_demo

run: demo
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: install chromium axe messages
	bash scripts/test.sh

test-sqlite: install chromium axe messages
	$(PY) -m pytest -q

test-postgres: install chromium axe messages
	bash scripts/test.sh postgres

bench: install
	$(VENV)/bin/pip install -q -e '.[dev,bench]'
	$(PY) -m timeledger.bench $(SIZES)

# API load test: gunicorn on loopback, 50 locust users writing entries and starting/stopping timers.
bench-api: install
	$(VENV)/bin/pip install -q -e '.[dev,bench]'
	$(PY) -m timeledger.bench.api

# Tryton 8.2 billing the medium file in the same run as Timeledger (the "≥ 250× Tryton" target's
# baseline): its own virtualenv, pinned here, none of it the app's dependencies. Slow (minutes).
TRYTON_VENV := .venv-tryton
TRYTON_PACKAGES := trytond==8.2.1 trytond-project-invoice==8.2.0 proteus==8.2.0 \
	'psycopg[binary,pool]==3.3.9'
TRYTON_STAMP := $(TRYTON_VENV)/.installed-$(shell echo "$(TRYTON_PACKAGES)" | sha1sum | cut -c1-12)

$(TRYTON_STAMP):
	test -x $(TRYTON_VENV)/bin/python || $(PYTHON) -m venv $(TRYTON_VENV)
	$(TRYTON_VENV)/bin/pip install -q $(TRYTON_PACKAGES)
	rm -f $(TRYTON_VENV)/.installed-*
	touch $@

bench-tryton: install $(TRYTON_STAMP)
	$(VENV)/bin/pip install -q -e '.[dev,bench]'
	$(PY) -m timeledger.bench medium --no-sqlite --tryton

bench-import: install
	$(PY) -m timeledger.bench.imports $(ROWS)

# Mutation testing (mutmut) of the money- and rule-critical modules against their fast tests, one
# target and one worker at a time; slow, so not part of `make test`. `make mutate TARGETS=money`
# runs some targets; scripts/mutate.py --list names them. Fails when a target is below 90 % killed.
mutate: install
	$(PY) scripts/mutate.py $(TARGETS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var test-output

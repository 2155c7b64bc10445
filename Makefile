# Two commands set everything up: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CORE := PYTHONPATH=hooks $(PY) -m chronicle
HOST ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check new lint test provision schema shapes bench clean

$(VENV)/.site-installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.10 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 10) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.site-installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## serve: preview with live reload at http://127.0.0.1:8000; a save renders again only the pages it changed
serve: $(VENV)/.site-installed
	$(PY) -m mkdocs serve --dirty --no-strict --dev-addr $(HOST) --livereload

## build: strict build into site/; on any error the previous site/ is left as it was
build: $(VENV)/.site-installed
	rm -rf .site-build
	$(PY) -m mkdocs build --strict --site-dir .site-build || { rm -rf .site-build; exit 1; }
	rm -rf site && mv .site-build site

## check: validate timeline/ without building the site
check: $(VENV)/.site-installed
	$(CORE) check timeline

## new: start an event file, e.g. make new TITLE="Drone attack on Kyiv" DATE=2025-06-01
new: $(VENV)/.site-installed
	@test -n "$$TITLE" -a -n "$$DATE" || { echo 'usage: make new TITLE="What happened" DATE=2025-06-01' >&2; exit 2; }
	@$(CORE) new --title "$$TITLE" --date "$$DATE"

## schema: regenerate the JSON Schemas in schema/ from the models
schema: $(VENV)/.site-installed
	$(CORE) schema --out schema

## shapes: regenerate the simplified map shapes (hooks/chronicle/data/shapes.json) from the files in maps/source/
shapes: $(VENV)/.dev-installed
	$(PY) maps/make_shapes.py

## provision: Chromium, Java and the Nu Html Checker for the browser tests (nothing with TIMELINE_SKIP_BROWSER=1)
provision: $(VENV)/.dev-installed
	$(PY) tests/provision.py

## lint: ruff and mypy over the code (settings in pyproject.toml)
lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m mypy

## test: install and run the whole test suite, browser tests included, after the lint
test: lint provision
	$(PY) -m pytest

## bench: time builds with N synthetic events against plain MkDocs, the serve rebuild after a save, and Explore's filters in Chromium (slow; e.g. make bench N="1000 2000" WORKLOAD=tallies)
N ?= 1000 5000 10000
WORKLOAD ?= news
bench: provision
	$(PY) -m bench.run --events $(N) --workload $(WORKLOAD)

clean:
	rm -rf site .site-build .pytest_cache .mypy_cache .ruff_cache

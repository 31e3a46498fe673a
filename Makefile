# TinTag developer commands. `make help` lists them.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help run test soak bench screenshots wheel-check translations dist dist-check clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $(STAMP)

run: $(STAMP) ## install into .venv and open the app on the built-in demo project
	$(VENV)/bin/tintag open

test: $(STAMP) ## install test extras into .venv and run the whole suite offscreen
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not slow"

soak: $(STAMP) ## long reliability runs: 500 kills, longer two-writer runs, more fuzz examples
	QT_QPA_PLATFORM=offscreen TINTAG_SOAK=1 $(PY) -m pytest -q tests/reliability

bench: $(STAMP) ## speed figures as ratios to baselines of the same run (ONLY=storage,suggest,ui for some)
	$(PY) -m bench $(ONLY)

wheel-check: $(STAMP) ## build the wheel, install it in a fresh venv, import and export the demo (also in make test)
	$(PY) -m pytest -q tests/test_wheel_install.py

screenshots: $(STAMP) ## render the main window states to screenshots/*.png (offscreen)
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py

translations: $(STAMP) ## refresh resources/i18n/tintag_vi.ts from the source and compile the .qm
	$(PY) scripts/update_translations.py

dist: $(STAMP) ## build the desktop bundle dist/tintag/ (PyInstaller, one folder)
	packaging/build.sh

dist-check: $(STAMP) ## clean build, then start the bundle offscreen with --self-test (slow; not in make test)
	packaging/dist_check.sh

clean: ## remove the venv and build output
	rm -rf $(VENV) build dist *.egg-info .pytest_cache bench-results.json

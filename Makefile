# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-quick clean package test-bundle install-desktop translations

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# doccano (a Django server) cannot share our venv: its own, for the tests where doccano's
# importer reads our export. If it cannot be installed, those tests skip and say why.
DOCCANO_VENV := .venv-doccano
DOCCANO_STAMP := $(DOCCANO_VENV)/.installed

$(DOCCANO_STAMP):
	( test -x $(DOCCANO_VENV)/bin/python || $(PYTHON) -m venv $(DOCCANO_VENV) ) && \
	$(DOCCANO_VENV)/bin/python -m pip install --quiet doccano==1.8.4 "marshmallow<4" "numpy<2" && \
	touch $(DOCCANO_STAMP) || echo "doccano could not be installed: its consumer tests will skip"

run: $(STAMP)
	$(BIN)/annotator

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: lint $(DOCCANO_STAMP)
	DOCCANO_PYTHON=$(CURDIR)/$(DOCCANO_VENV)/bin/python QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# the interface's texts gathered into resources/i18n/annotator_ar.ts (translations kept,
# new texts left to translate), then compiled to annotator_ar.qm; both are kept in git
translations: $(STAMP)
	$(BIN)/python packaging/update_translations.py

# every benchmark, then one table: measure, median, target, met or not
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/summary.py

bench-quick: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/summary.py --quick

package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[package]'
	PYTHON=$(BIN)/python packaging/build.sh --tar

test-bundle: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[package]'
	ANNOTATOR_TEST_BUNDLE=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/test_packaging.py

install-desktop: $(STAMP)
	$(BIN)/annotator install-desktop

clean:
	rm -rf $(VENV) $(DOCCANO_VENV) build dist *.egg-info .pytest_cache .ruff_cache

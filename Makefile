# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-quick clean package test-bundle install-desktop

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/annotator

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

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
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache

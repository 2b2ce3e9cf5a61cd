# One-command set-up on a fresh machine (Python 3.11 and, as root, apt):
#   make run    - installs what is missing, then opens the app (on a demo journal when there is none)
#   make test   - installs what is missing, then runs the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test system venv lint typecheck bench dist reliability clean

system:
	@bash .ci/setup-system

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: system $(STAMP)

run: venv
	$(BIN)/reljournal --demo-if-new

test: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: venv
	$(BIN)/ruff check reljournal tests
	$(BIN)/ruff format --check reljournal tests
	$(BIN)/mypy

bench: venv
	$(BIN)/python tests/benchmarks/run.py

reliability: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m reliability -q

clean:
	rm -rf $(VENV) build dist *.egg-info

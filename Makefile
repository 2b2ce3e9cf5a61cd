# One-command set-up on a fresh machine (Python 3.11 and, as root, apt):
#   make run    - installs what is missing, then opens the app (on the demo journal, in its own
#                 file, when there is no journal yet)
#   make test   - installs what is missing, then runs the test suite (then builds the frozen
#                 app and smoke-tests it: pytest -m frozen)
#   make dist   - builds the frozen app (build.spec) and this platform's installer
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test checks system venv lint typecheck bench dist frozen-test reliability clean

system:
	@bash .ci/setup-system

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,build]'
	touch $(STAMP)

venv: system $(STAMP)

run: venv
	$(BIN)/reljournal --demo-if-new

XVFB := xvfb-run -a -s "-screen 0 1920x1080x24"

test: venv checks
	$(XVFB) env QT_QPA_PLATFORM=xcb $(BIN)/python -m pytest -q
	$(BIN)/python -m pytest -q -m frozen

# The layer contracts (import-linter), lint and strict typing over the whole package.
checks: venv
	$(BIN)/ruff check reljournal tests
	$(BIN)/lint-imports
	$(BIN)/mypy

frozen-test: venv
	$(BIN)/python -m pytest -q -m frozen

# Linux: dist/reljournal_<version>_<arch>.deb and dist/RelJournal-<version>-linux-<machine>.tar.gz
# (DEB_COMPRESSION=zstd for a quick local build); macOS: dist/RelJournal-<version>.dmg.
# Windows has no make here: see resources/installer/windows/reljournal.iss.
dist: venv
	$(BIN)/pyinstaller --noconfirm build.spec
	@if [ "$$(uname -s)" = Darwin ]; then bash resources/installer/macos/build-dmg.sh; \
	else bash resources/installer/linux/build-packages.sh; fi

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

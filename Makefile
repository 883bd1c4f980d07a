# The two commands of the README: `make demo` and `make test`. Only Python 3.11+ and make needed.
# Both install exactly the versions in the lock files, checked against their hashes, so every
# install is the one CI tested; `make lock` regenerates them after a change to pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The tool that writes the lock files, pinned, in a venv of its own (never a dependency).
UV_VERSION ?= 0.13.9
LOCK_VENV ?= .venv-lock
LOCK_FLAGS := --generate-hashes --python-version 3.11 --python-platform x86_64-unknown-linux-gnu \
	--index-url https://pypi.org/simple --no-header --quiet

.PHONY: demo test lint lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements-test.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-test.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(VENV)/.installed $@

demo: $(VENV)/.installed
	PORT=$(PORT) $(BIN)/newcourse demo

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

# The test lock is resolved first; the runtime lock (the site, on SQLite or PostgreSQL: what
# `make demo` installs) is held to the same versions. The core install (`pip install newcourse`,
# for tellers and verifiers) is rbcl alone, whose pins are in both.
lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet uv==$(UV_VERSION)
	$(LOCK_VENV)/bin/uv pip compile pyproject.toml --extra test $(LOCK_FLAGS) \
		--output-file requirements-test.lock
	$(LOCK_VENV)/bin/uv pip compile pyproject.toml --extra server --extra postgres $(LOCK_FLAGS) \
		--constraint requirements-test.lock --output-file requirements.lock
	rm -rf $(LOCK_VENV)

clean:
	rm -rf $(VENV) $(LOCK_VENV) .pytest_cache .ruff_cache .mypy_cache

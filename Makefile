# The two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# pytest's workers (pytest-xdist): most e2e time is waiting on Telegram's send limits and on bot
# processes starting, so three workers keep two cores busy (4¾ minutes, against 8 in one process).
TEST_WORKERS ?= 3
STAMP := $(VENV)/.installed

.PHONY: run shell test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## set up, then run the bot (the terminal chat when no token is set)
	$(PY) -m bot run

shell: $(STAMP)
	$(PY) -m bot shell

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy

test: lint  ## set up, then run every check: ruff, mypy, pytest
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal

bench: $(STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache

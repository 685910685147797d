# 工会小助手 — targets a newcomer can guess: run, test, lint, eval, bench.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
CONFIG ?= config.demo.toml
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test lint eval bench install lock clean demo-db

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed

# Serve the bot with the demo school, the simulator and the console on localhost.
run: install
	@mkdir -p data
	$(PY) -m bot --config $(CONFIG) seed-demo --if-empty
	$(PY) -m bot --config $(CONFIG) serve --host $(HOST) --port $(PORT)

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check bot handlers storage tests bench

eval: install
	$(PY) -m tests.eval_intents $(ARGS)

bench: install
	$(PY) -m bench.run

lock:
	rm -rf /tmp/unionbot-lock && $(PYTHON) -m venv /tmp/unionbot-lock
	/tmp/unionbot-lock/bin/pip install --quiet ".[dev]"
	/tmp/unionbot-lock/bin/pip freeze --exclude unionbot > requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache

# 工会小助手 — targets a newcomer can guess: run, test, lint, eval, bench.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
CONFIG ?= config.demo.toml
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test lint eval bench install tools browser lock clean demo-db

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed

# Serve the bot with the demo school, the simulator and the console on localhost.
run: install
	@mkdir -p data
	$(PY) -m compileall -q bot handlers storage
	$(PY) -m bot --config $(CONFIG) seed-demo --if-empty
	$(PY) -m bot --config $(CONFIG) serve --host $(HOST) --port $(PORT)

test: install tools
	$(PY) -m pytest

# Debian packages the tests and benchmarks use, installed once: chromium and a CJK font for the
# console's browser tests (Playwright with executable_path: no browser download), wrk for the
# webhook benchmark (and its smoke run in `make test`).
tools:
	@if ! command -v chromium >/dev/null || ! command -v wrk >/dev/null || ! fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk"; then \
	  echo "installing chromium, a CJK font and wrk (Debian packages) for the browser tests and benchmarks"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-wqy-zenhei wrk >/dev/null; \
	fi

browser: tools

# ruff, then the house rules: no import cycles, bot/ never imports handlers/, no module over 400 lines
lint: install
	$(VENV)/bin/ruff check bot handlers storage tests bench
	$(PY) -m pytest -q tests/test_architecture.py

eval: install
	$(PY) -m tests.eval_intents $(ARGS)

# Benchmarks: our bot vs a bare wechatpy echo bot (mix, the hot question, safe mode, a festival burst),
# pushes, cold start, recipients (~8 minutes). `make bench ARGS=webhook` runs one.
bench: install tools
	$(PY) -m bench.run $(ARGS)

lock:
	rm -rf /tmp/unionbot-lock && $(PYTHON) -m venv /tmp/unionbot-lock
	/tmp/unionbot-lock/bin/pip install --quiet ".[dev]"
	/tmp/unionbot-lock/bin/pip freeze --exclude unionbot > requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache

# 工会小助手 — targets a newcomer can guess: run, test, lint, eval, bench.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
CONFIG ?= config.demo.toml
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test lint eval bench install browser lock clean demo-db

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

test: install browser
	$(PY) -m pytest

# The console's browser tests drive Debian's chromium (Playwright with executable_path: no browser
# download) and need a CJK font for readable screenshots. Installed once, from Debian's packages.
browser:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk"; then \
	  echo "installing chromium and a CJK font (Debian packages) for the console's browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null; \
	fi

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

# Every target sets itself up: a .venv made from the lock file, then the work.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test lint venv browser axe clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

# The dashboard's browser tests drive Debian's Chromium (never a downloaded browser).
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "could not install chromium: the browser tests will say so"; \
	  else echo "no $(CHROMIUM): install Debian's chromium for the browser tests"; fi; \
	fi

# axe-core (accessibility checks inside the browser tests), from the npm registry at the
# version tests/package-lock.json pins.
AXE := tests/node_modules/axe-core/axe.min.js

$(AXE): tests/package.json tests/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix tests --no-audit --no-fund --loglevel=error && touch $(AXE); \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null \
	    && npm ci --prefix tests --no-audit --no-fund --loglevel=error && touch $(AXE)) \
	    || echo "could not install axe-core: the browser tests will say so"; \
	else echo "no npm: install it for the accessibility checks (npm ci --prefix tests)"; fi

axe: $(AXE)

demo: $(STAMP)
	$(BIN)/followup demo

test: $(STAMP) browser axe
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache tests/node_modules

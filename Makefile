# socialcase: `make dashboard` serves the dashboard, `make test` runs every check.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8866
CHROMIUM ?= /usr/bin/chromium
SCENARIO ?=
OUT ?= reports

.PHONY: install dashboard lab test lint typecheck pytest chromium screenshot report bench clean

$(STAMP): pyproject.toml requirements-dev.lock devtools/assets.py
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m devtools.assets
	@touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests, the screenshot and the PDF report.
chromium:
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium >/dev/null; }

# The project's Voila template (no CDN requests) lives in share/jupyter.
export JUPYTER_PATH := $(CURDIR)/share/jupyter

# Preheated kernels run the workbook before anyone asks, so the page opens fast: five
# of them, for a meeting of five opening the link together, refilled 10 s after use so
# the refills do not slow the five pages loading (devtools.serve.DASHBOARD_POOL_SIZE /
# DASHBOARD_FILL_DELAY_SECONDS; measured by benchmarks/bench_viewers.py). Beyond the
# pool, RUNS_AT_ONCE kernels calculate the workbook together (0: one per core) and the
# other viewers queue, told their place on screen (socialcase.ui.queue, named in
# voila.json). voila.json also closes Voila's theme/template query keys, gives a closed
# page's kernel back and culls kernels no page uses after 10 minutes.
POOL_SIZE ?= 5
FILL_DELAY ?= 10
RUNS_AT_ONCE ?= 0
dashboard: $(STAMP)
	@echo "socialcase dashboard: http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	$(VENV)/bin/voila workbooks/business_case.ipynb --no-browser --port=$(PORT) \
		--Voila.ip=127.0.0.1 --Voila.port_retries=0 --preheat_kernel=True \
		--pool_size=$(POOL_SIZE) --VoilaKernelManager.fill_delay=$(FILL_DELAY) \
		--QueuedKernelManager.runs_at_once=$(RUNS_AT_ONCE)

# etc/jupyter: the server settings for Voila's server extension (/voila/render/...), the
# same Binder uses: no MathJax from a CDN, 100 MiB websocket messages (50 MB uploads), gzip,
# idle kernels with no page culled after 10 minutes, the dashboard's queue (one run per
# core; ServerApp.kernel_manager_class). voila.json (repository root) applies too.
lab: $(STAMP)
	JUPYTER_CONFIG_PATH=$(CURDIR)/etc/jupyter $(VENV)/bin/jupyter lab workbooks --no-browser \
		--ServerApp.ip=127.0.0.1

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check socialcase tests benchmarks devtools

typecheck: $(STAMP)
	$(VENV)/bin/mypy

pytest: $(STAMP) chromium
	$(VENV)/bin/pytest

test: lint typecheck pytest

screenshot: $(STAMP) chromium
	$(PY) -m devtools.screenshot --out screenshots/dashboard.png --steps --lab --report

report: $(STAMP) chromium
	$(PY) -m socialcase.report $(SCENARIO) --out $(OUT)

bench: $(STAMP)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache screenshots reports

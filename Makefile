# The two commands: `make run` and `make test`. Everything else is a step they use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

# Every installed package comes from the lock files, pinned with hashes: pip.lock (pip
# itself), then dev.lock (base.lock's packages, the dev tools and the embedded search
# engine). Production installs base.lock only (deploy/README.md). `make lock` writes them.
LOCKS := requirements/pip.lock requirements/base.lock requirements/dev.lock
UV_COMPILE := $(BIN)/uv pip compile --quiet --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" $(LOCK_ARGS)

.PHONY: run test install lint check clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The lock files changed: install them and uninstall what they no longer hold.
$(STAMP): $(LOCKS) | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/pip.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock
	$(BIN)/python scripts/check_lock.py --prune --installed requirements/pip.lock requirements/dev.lock
	touch $(STAMP)

# The NL Design System CSS: npm ci from package-lock.json, then copied into
# portal/static/nlds/ (git-ignored) by scripts/build_frontend.mjs.
FRONTEND := portal/static/nlds/.built
$(FRONTEND): package.json package-lock.json scripts/build_frontend.mjs
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	node scripts/build_frontend.mjs
	touch $(FRONTEND)

install: $(STAMP) $(FRONTEND)
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0

# Serve the portal on http://127.0.0.1:$(PORT) with demo data and the embedded search engine.
run: install
	$(BIN)/python scripts/run_portal.py --port $(PORT)

# The whole suite, with the embedded search engine running for its duration.
test: install
	bash scripts/ensure_chromium.sh
	$(BIN)/python scripts/with_search_engine.py -- $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Rewrite the lock files from pyproject.toml and requirements/pip.in, keeping every pin
# that still fits; `make lock LOCK_ARGS=--upgrade` (or `--upgrade-package NAME`) moves
# them. load.lock adds locust (bench/load_test.py) to dev.lock.
lock: $(STAMP)
	$(UV_COMPILE) requirements/pip.in -o requirements/pip.lock
	$(UV_COMPILE) pyproject.toml -o requirements/base.lock
	$(UV_COMPILE) pyproject.toml --extra dev --extra embedded-search \
		-c requirements/base.lock -o requirements/dev.lock
	$(UV_COMPILE) pyproject.toml --extra dev --extra embedded-search --extra load \
		-c requirements/dev.lock -o requirements/load.lock
	$(BIN)/python scripts/check_lock.py

clean:
	rm -rf $(VENV) var db.sqlite3 node_modules portal/static/nlds

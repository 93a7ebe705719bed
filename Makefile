# The URC International Relations portal. `make run` to try it, `make test` to test it.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $$p && break; done)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PYTEST_ARGS ?=
APPS := accounts uploads reminders gazetteer associations partnerships roadmap knowledge
CATALOGUES := locale $(wildcard $(addsuffix /locale,$(APPS)))

.PHONY: setup run demo test lint format bench messages compilemessages assets clean

## setup: virtualenv, Python and npm packages, front-end assets, translations
setup: $(VENV)/.installed static/vendor/.built compilemessages

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (python3.11, python3.12 ...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

static/vendor/.built: node_modules/.package-lock.json frontend/copy-vendor.mjs
	npm run --silent build
	touch $@

assets: static/vendor/.built

## compilemessages: .po -> .mo with Babel, so no system gettext is needed
compilemessages: $(VENV)/.installed
	@for catalogue in $(CATALOGUES); do \
		$(VENV)/bin/pybabel compile --domain=django --directory=$$catalogue --statistics 2>&1 | grep -v "^compiling" || exit 1; \
	done

## messages: refresh the .po files from the source (needs GNU gettext): each app keeps its
## own catalogue in <app>/locale, the rest (templates/, urc_portal/) is in locale/
messages: $(VENV)/.installed
	$(MANAGE) makemessages --locale=ru --locale=en --no-obsolete --ignore=.venv --ignore=node_modules \
		--ignore=var --ignore=tests --ignore=benchmarks $(addprefix --ignore=,$(APPS))
	@for app in $(APPS); do \
		mkdir -p $$app/locale && (cd $$app && ../$(PY) ../manage.py makemessages --locale=ru --locale=en --no-obsolete); \
	done

## demo: migrate and load the demo data (idempotent)
demo: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity=0
	$(MANAGE) create_demo_accounts
	$(MANAGE) load_demo_outreach
	$(MANAGE) load_gazetteer --if-empty
	$(MANAGE) seed_russian_cities
	$(MANAGE) load_demo_registry
	$(MANAGE) load_demo_requests
	$(MANAGE) load_demo_roadmap
	$(MANAGE) load_demo_knowledge

## run: the portal on http://127.0.0.1:8000 with a Celery worker and beat; Ctrl-C stops all
run: demo
	$(VENV)/bin/honcho --procfile Procfile.dev start

## test: the whole suite (PostgreSQL and Redis when they answer, SQLite otherwise)
test: setup
	$(MANAGE) makemigrations --check --dry-run --verbosity=0
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## bench: every script in benchmarks/, each printing its table
bench: setup
	$(PY) benchmarks/run_all.py

clean:
	rm -rf var static/vendor node_modules $(VENV)

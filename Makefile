# Two commands do all the set-up (see README): `make run` and `make test`. Both are safe to repeat.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
export DJANGO_ALLOW_ASYNC_UNSAFE := true

.PHONY: run test setup venv system-packages database lint check

run: setup database
	$(MANAGE) runserver 127.0.0.1:8000

test: setup
	$(BIN)/pytest

setup: system-packages venv
	$(MANAGE) compilemessages --ignore=.venv -v0
	$(MANAGE) collectstatic --noinput -v0

# The virtual environment is rebuilt only when the lock file changes.
venv: $(VENV)/.installed
$(VENV)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

# Chromium (for the browser tests), a CJK font (so it renders the Chinese pages), gettext (for
# translations), a Java runtime (for the Nu HTML Checker) and curl (the README's API examples,
# run by a test) come from Debian.
system-packages:
	@if [ ! -x /usr/bin/chromium ] || ! command -v msgfmt >/dev/null || [ ! -d /usr/share/fonts/truetype/wqy ] || ! command -v java >/dev/null || ! command -v curl >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium gettext fonts-wqy-zenhei curl \
			$$(command -v java >/dev/null || echo default-jre-headless) >/dev/null; \
	fi

database:
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_seed

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check:
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# CNĐP — the two commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install install-test lint format messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## make run: set up (venv, install, migrate, demo data) and serve at http://127.0.0.1:8000
run: install
	$(BIN)/cndp setup
	$(BIN)/cndp run --host $(HOST) --port $(PORT)

## make test: install the test tools and run the whole suite, a worker per core (TEST_WORKERS=0: one process)
TEST_WORKERS ?= auto
test: install-test
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## make messages: refresh the English catalogue and compile it
messages: install
	cd src/cndp && ../../$(BIN)/django-admin makemessages -l en --settings=cndp.config.settings.dev --ignore 'static/*'
	cd src/cndp && ../../$(BIN)/django-admin compilemessages --settings=cndp.config.settings.dev

clean:
	rm -rf $(VENV) db.sqlite3 media

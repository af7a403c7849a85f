# Two commands matter: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
CLAIMS_DB ?= claims.db
export CLAIMS_DB

.PHONY: run test setup build lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the pins change; the stamp files record what was installed.
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.build: requirements-build.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-build.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements-build.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# The extractor compiled with mypyc into build/mypyc/ (needs gcc and Python's headers), remade when any
# of its sources changes. The service checks at import that the build matches the sources it was made
# from, and runs the plain source otherwise; CLAIMS_EXTRACT_COMPILED=0 runs the plain source anyway.
build/mypyc/manifest.json: $(wildcard service/extract/*.py) service/compiled.py service/compile_extractor.py pyproject.toml \
		requirements-build.txt | $(VENV)/.build
	$(BIN)/python -m service.compile_extractor $(COMPILE_FLAGS)

build: build/mypyc/manifest.json

# Graphviz's `dot` draws the claim network: Debian's package, installed when missing.
/usr/bin/dot:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends graphviz >/dev/null

# Front-end tools the tests inject into pages (axe-core), at the versions in package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Schema, fixtures when the database is new, and a first editor token.
setup: $(VENV)/.runtime /usr/bin/dot
	$(BIN)/flask --app service bootstrap

# The same start as the container: checks, schema, fixtures, first token, serve.
# On a machine that cannot compile, `make run` goes on with the plain source (same drafts, slower).
run: COMPILE_FLAGS := --if-possible
run: $(VENV)/.runtime /usr/bin/dot build/mypyc/manifest.json
	$(BIN)/python -m service.entrypoint

test: setup $(VENV)/.dev node_modules/.package-lock.json build/mypyc/manifest.json
	$(BIN)/ruff check service tests bench
	$(BIN)/ruff format --check service tests bench
	$(BIN)/mypy
	$(BIN)/hadolint Dockerfile
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check service tests bench
	$(BIN)/ruff format --check service tests bench
	$(BIN)/mypy
	$(BIN)/hadolint Dockerfile

format: $(VENV)/.dev
	$(BIN)/ruff check --fix service tests bench
	$(BIN)/ruff format service tests bench

# Not part of CI: builds corpora of 10k, 100k and 1M claims (kept in
# bench/corpora/), measures, and writes bench/results.md.
bench: $(VENV)/.dev build/mypyc/manifest.json
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.replicas 100000

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache artifacts build

# Not part of `make test`: precision, recall and speaker accuracy of the quote
# extractor on tests/data/extraction/, by pattern; then the held-out articles;
# then the claim matcher's labels on tests/data/match_pairs.json.
eval: $(VENV)/.runtime
	$(BIN)/python -m bench.eval_extract --held-out
	$(BIN)/python -m bench.eval_match

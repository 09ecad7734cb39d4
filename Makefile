# claimdesk: the commands the README and CI use.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false

.PHONY: install run test lint bench bench-quick eval train clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: install
	$(BIN)/claimdesk init
	$(BIN)/claimdesk extract seeds/
	$(BIN)/claimdesk export out/checklist.csv

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Every figure of the performance issue into bench/results.json; ARGS=--quick for < 3 min.
bench: install
	$(BIN)/python -m bench.run $(ARGS)

bench-quick: install
	$(BIN)/python -m bench.run --quick $(ARGS)

eval: install
	$(BIN)/python -m train.evaluate

# About an hour on 2 cores: the encoder is fine-tuned once per fold, then on everything.
train: install
	$(BIN)/pip install --quiet -e '.[dev,train]'
	$(BIN)/python -m train.train_scorer
	$(BIN)/python -m train.train_encoder --cv
	$(BIN)/python -m train.train_combiner

clean:
	rm -rf out claimdesk.db claimdesk.db-wal claimdesk.db-shm

# claimdesk: the commands the README and CI use.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false

.PHONY: install run test lint bench bench-quick eval train clean screenshots

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
	@echo
	@echo "The reviewer desk: add yourself once, then serve it and open http://127.0.0.1:8000/"
	@echo "  $(BIN)/claimdesk users add $${USER:-me} --role admin"
	@echo "  $(BIN)/claimdesk web"

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# PNGs of the desk's main pages (docs/screenshots/), in Debian's headless Chromium.
screenshots: install
	$(BIN)/python -m tests.desk_screenshots

# Every figure of the performance issue into bench/results.json; ARGS=--quick for < 3 min.
bench: install
	$(BIN)/python -m bench.run $(ARGS)

bench-quick: install
	$(BIN)/python -m bench.run --quick $(ARGS)

eval: install
	$(BIN)/python -m train.evaluate

# About an hour and a half on 2 free cores: the encoder is fine-tuned once per fold, then
# on everything, then once more without the recent years (2012, 2016) for combiner-v2.
train: install
	$(BIN)/pip install --quiet -e '.[dev,train]'
	$(BIN)/python -m train.train_scorer
	$(BIN)/python -m train.train_encoder --cv
	$(BIN)/python -m train.train_combiner
	$(BIN)/python -m train.train_encoder --hold-out
	$(BIN)/python -m train.recent_combiner

clean:
	rm -rf out claimdesk.db claimdesk.db-wal claimdesk.db-shm

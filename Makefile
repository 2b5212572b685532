# wirehouse: `make run` (demo pipeline) and `make test` (test suite) work on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export GX_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 180
export PREFECT_HOME ?= $(CURDIR)/.prefect

.PHONY: run test venv lock server worker deploy bench clean

venv: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/wirehouse demo

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

lock:
	$(PYTHON) -m venv /tmp/wirehouse-lock && /tmp/wirehouse-lock/bin/pip install -q -e '.[test]' && \
	  { echo "# Exact versions the test suite passed with (Python 3.11). Regenerate: make lock"; \
	    /tmp/wirehouse-lock/bin/pip freeze --exclude-editable; } > requirements.lock

# Prefect: `make server` (UI at http://127.0.0.1:4200), then in other terminals `make deploy` and
# `make worker`. Deployments are in prefect.yaml.
PREFECT_PORT ?= 4200
server worker deploy: export PREFECT_API_URL ?= http://127.0.0.1:$(PREFECT_PORT)/api

# Concurrency leases (the writer slot, the deployments' limits) kept in files under PREFECT_HOME:
# Prefect keeps them in the server's memory by default, and a restarted server then never gives
# back a slot taken before it stopped (every later run waits for it).
server: export PREFECT_SERVER_CONCURRENCY_LEASE_STORAGE ?= prefect.server.concurrency.lease_storage.filesystem
server: $(STAMP)
	$(BIN)/prefect server start --host 127.0.0.1 --port $(PREFECT_PORT)

worker: $(STAMP)
	$(BIN)/prefect worker start --pool process --type process

deploy: $(STAMP)
	$(BIN)/prefect work-pool inspect process >/dev/null 2>&1 || $(BIN)/prefect work-pool create process --type process
	$(BIN)/prefect global-concurrency-limit inspect wirehouse-db-writer >/dev/null 2>&1 || $(BIN)/prefect global-concurrency-limit create wirehouse-db-writer --limit 1
	$(BIN)/prefect --no-prompt deploy --all

# Short versions of the scale benchmarks (10-20 minutes on 2 busy cores): corpus speed, start-up
# of a run with nothing to do, a batch's duplicate lookup as the warehouse grows, cost per article
# as the corpus grows, a whole run against trafilatura alone on 300 of the shared extraction pages
# (skipped without ../shared). The long commands and their figures are in bench/RESULTS.md ("Scale").
BENCH_DIR ?= /tmp/wirehouse-bench
bench: $(STAMP)
	mkdir -p $(BENCH_DIR)
	$(BIN)/python bench/corpus.py --articles 2000 --warc $(BENCH_DIR)/corpus-speed.warc.gz --jobs 2
	$(BIN)/python bench/startup.py --rounds 5
	$(BIN)/python bench/dedup_lookup.py --sizes 10000 100000 --dir $(BENCH_DIR)
	$(BIN)/python bench/scale.py --sizes 500 2000 --dir $(BENCH_DIR)
	-$(BIN)/python bench/ceiling.py --limit 150 --rounds 2

clean:
	rm -rf $(VENV) data .prefect

# wirehouse: `make run` (demo pipeline) and `make test` (test suite) work on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export GX_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
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

clean:
	rm -rf $(VENV) data .prefect

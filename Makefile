# kctl's entry points. Target names are a contract: README, .ci/run and bench rely on them.
#
#   make test          lint + type check + unit and integration tests (installs the shells the
#                      tests drive, or says how; builds the control-plane binaries into
#                      ~/.cache/kctl/bin/ on the first run)
#   make unit | lint   the fast parts alone;  make unit-pythons  the unit suite on 3.11/3.12/3.13
#   make cluster       a local control plane in .devcluster/ (kubeconfigs + env file)
#   make seed          demo data in it;  make cluster-down  stops it and removes .devcluster/
#   make demo          install, cluster, seed, then kctl get pods -A and kctl api-resources
#   make bench         benchmarks against the dev control plane
#   make completions   regenerate completions/ from `kctl completion SHELL`

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.kctl-installed
PYTEST_ARGS ?=

.PHONY: help install test unit unit-pythons prereqs integration lint cluster cluster-down seed \
	demo bench completions binaries clean

help:
	@sed -n '2,12p' Makefile | sed 's/^# \{0,1\}//'

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change (editable install: code changes need nothing).
$(INSTALLED): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

install: $(INSTALLED)

lint: $(INSTALLED)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy kctl
	$(PY) -m mypy --strict examples

unit: $(INSTALLED)
	$(PY) -m pytest tests/unit -ra $(PYTEST_ARGS)

# Every supported Python this machine has, each in its own .venv-pyX.Y.
unit-pythons:
	.ci/pythons

# zsh, fish, bash-completion, GNU time...: installed with apt when root or passwordless sudo,
# else a stop with the exact command (the one list lives in .ci/prereqs, shared with .ci/run).
prereqs:
	@.ci/prereqs

# Finds or builds kube-apiserver, etcd and kubectl (see tests/envtest/binaries.py).
binaries: $(INSTALLED)
	$(PY) -m tests.envtest binaries

integration: binaries
	$(PY) -m pytest tests/integration -ra $(PYTEST_ARGS)

# prereqs comes first: a missing shell stops the run before anything else starts.
test: prereqs lint binaries
	$(PY) -m pytest tests/unit tests/integration -ra $(PYTEST_ARGS)

cluster: $(INSTALLED)
	$(PY) -m tests.envtest up

cluster-down:
	@if [ -x $(PY) ]; then $(PY) -m tests.envtest down; \
	else $(PYTHON) -m tests.envtest down; fi

seed: cluster
	$(PY) -m tests.envtest seed

demo: seed
	$(PY) -m tests.envtest demo

# Benchmarks time kctl as users install it: a regular (non-editable) install with bytecode, in
# its own venv, refreshed from this tree on every run. The dev venv's editable finder and
# PYTHONDONTWRITEBYTECODE would add start-up cost no user pays.
BENCH_VENV := .bench-venv
bench: cluster
	@[ -x $(BENCH_VENV)/bin/python ] || $(PYTHON) -m venv $(BENCH_VENV)
	@$(BENCH_VENV)/bin/python -m pip install --quiet '.[bench]' && \
	  $(BENCH_VENV)/bin/python -m pip install --quiet --no-deps --force-reinstall .
	. ./.devcluster/env && $(BENCH_VENV)/bin/python -m bench
	. ./.devcluster/env && $(BENCH_VENV)/bin/python -m bench.library
	. ./.devcluster/env && $(BENCH_VENV)/bin/python -m bench.watch
	$(BENCH_VENV)/bin/python -m bench.readme

completions: $(INSTALLED)
	@for pair in "bash kctl.bash" "zsh _kctl" "fish kctl.fish"; do set -- $$pair; \
	  $(PY) -m kctl completion $$1 > completions/$$2.tmp || { rm -f completions/$$2.tmp; exit 1; }; \
	  mv completions/$$2.tmp completions/$$2 && echo "wrote completions/$$2"; \
	done

clean: cluster-down
	rm -rf .pytest_cache .mypy_cache .ruff_cache

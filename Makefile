# The two commands of the README: `make serve` and `make test`.
# Both set up .venv on first use; `make serve` (re)builds the dataset when a
# data file or the build code is newer than the artifact.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
ARTIFACT := build/hzkg.nq
BUILD_INPUTS := $(wildcard ontology/*.ttl graph/facts/*.ttl graph/source/*.txt graph/*.py)

.PHONY: serve test build check

# Serving needs only the package; the tests add the `test` extra (playwright, hypothesis, oxigraph), installed
# with the package in one pip run (two runs built the editable wheel twice: 48.7 -> 43.5 s on a fresh clone).
NEW_VENV = test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); $(BIN)/pip install --quiet --upgrade pip
$(BIN)/.installed: pyproject.toml
	$(NEW_VENV)
	$(BIN)/pip install --quiet -e .
	touch $@

$(BIN)/.test-installed: pyproject.toml
	$(NEW_VENV)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/.installed $@

$(ARTIFACT): $(BIN)/.installed $(BUILD_INPUTS)
	$(BIN)/hzkg build

build: $(ARTIFACT)

check: $(BIN)/.installed
	$(BIN)/hzkg check

serve: $(ARTIFACT)
	$(BIN)/hzkg serve --host 127.0.0.1 --port $(PORT)

# `make test` first installs what the tests need beyond Python (tools/prerequisites.py: Chromium and a
# CJK font, Virtuoso, Node and Comunica; as root with apt-get, else one line per missing part), then
# runs every test and prints the time it took in all. The test files are spread over PYTEST_WORKERS
# processes (pytest-xdist, each file whole in one, the slow kinds' files first: tests/conftest.py);
# most tests wait on a server, a browser or a store, so 2 workers keep both cores busy. Measured, never
# idle: 1 process 1,544 s and 693 CPU s (1,395 tests, load median 7); 2 workers 505 s in all and 534
# CPU s (1,581 tests, load median 3.3; README). PYTEST_WORKERS=0 runs them all in this process.
# PYTEST_ARGS runs a part, e.g. make test PYTEST_ARGS='-m "not browser and not remote and not load"'
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
test: export HZKG_MAKE_TEST_STARTED := $(shell date +%s)
test:
	$(MAKE) --no-print-directory -j2 prerequisites $(BIN)/.test-installed
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# What the tests need beyond Python, beside the .venv's pip (make -j2 above): it needs only the standard library.
.PHONY: prerequisites
prerequisites:
	$(PYTHON) -m tools.prerequisites

# The long load test (loopback only, bounded in time and requests): 1, 8 and 32 clients for
# LOADTEST_SECONDS each, alone and beside clients sending runaway queries; prints the figures.
LOADTEST_SECONDS ?= 10
.PHONY: loadtest
loadtest: $(ARTIFACT)
	$(BIN)/python -m tools.loadtest --artifact $(ARTIFACT) --seconds $(LOADTEST_SECONDS) --clients 1,8,32 --runaway 2 --slow 16 --readers 8

# `make bench` (issue 5): every benchmark figure in one run, ~10 min; BENCH_ARGS=--quick for ~3 min,
# --huge adds 10^7 triples. Writes docs/benchmark.md and the plots beside it.
.PHONY: bench
BENCH_ARGS ?=
$(BIN)/.bench-installed: $(BIN)/.test-installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

bench: $(ARTIFACT) $(BIN)/.bench-installed
	$(BIN)/python -m tools.bench $(BENCH_ARGS)

# Two commands for a fresh machine:
#   make run   - set up, migrate, and serve the app with the shipped banks on http://127.0.0.1:5000
#   make test  - set up (including Debian's chromium for the browser tests) and run every test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: test-postgres run test lint setup setup-test browser redis check-banks bank-report serve bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e ".[test,bench]"
	touch $@

setup: $(VENV)/.installed

run: setup
	$(BIN)/flask --app quiz db upgrade
	$(BIN)/flask --app quiz check-banks
	$(BIN)/flask --app quiz banks import
	$(BIN)/flask --app quiz run --host $(HOST) --port $(PORT)

# Production-style serving (several workers), see gunicorn.conf.py and docs/deployment.md.
serve: setup
	$(BIN)/flask --app quiz db upgrade
	$(BIN)/flask --app quiz banks import
	$(BIN)/gunicorn -c gunicorn.conf.py "quiz:create_app()"

browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium chromium-driver; }

# Lint, format, types (strict on quiz/domain) and the import contracts (docs/architecture.md).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Debian's redis-server for the shared rate-limit test (skipped, with the reason, without it).
redis:
	@command -v redis-server >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  { $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq redis-server; } >/dev/null 2>&1 || \
	  echo "redis-server could not be installed: the Redis rate-limit test will be skipped"; }

test: setup browser redis lint
	$(BIN)/python -m pytest

check-banks: setup
	$(BIN)/flask --app quiz check-banks

bank-report: setup
	$(BIN)/flask --app quiz bank-report

# Benchmarks (docs/performance.md): throughput beside baselines, the instructor pages at 10k,
# 100k and 1M responses, start-up and page weight, the write tail, an exam's deadline, and
# the same on PostgreSQL with two app servers (.ci/postgres.sh sets up a local server).
# Installs Debian's wrk and redis-server. About 25 minutes;
# writes bench/results/latest.json and .md and docs/perf-scaling.svg. ARGS=... passes options.
bench: setup
	@command -v wrk >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wrk; }
	@command -v redis-server >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq redis-server; }
	$(BIN)/pip install --quiet -e ".[postgres,redis]"  # the PostgreSQL part (bench/bench_postgres.py)
	$(BIN)/python bench/run.py $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis

# The request-level tests again on PostgreSQL (installed and started locally if needed).
test-postgres: setup
	QUIZ_TEST_DATABASE_URL=$$(bash .ci/postgres.sh) $(BIN)/python -m pytest -q -m "not browser" \
	  --ignore=tests/test_load.py --ignore=tests/browser -p no:cacheprovider

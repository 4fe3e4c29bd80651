#!/usr/bin/env bash
# Set up a local PostgreSQL (Debian's package) with a throw-away test database and print
# its URL. Used by `make test-postgres`; needs root or sudo to install and start it.
set -euo pipefail
if [ "$(id -u)" = 0 ]; then SUDO=""; AS_PG="runuser -u postgres --"; else SUDO=sudo; AS_PG="sudo -u postgres"; fi
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_lsclusters -h 2>/dev/null | grep -q "^$version main" || $SUDO pg_createcluster "$version" main >&2
$SUDO pg_ctlcluster "$version" main start >/dev/null 2>&1 || true  # already running is fine
for _ in $(seq 1 30); do $AS_PG psql -qtAc "select 1" >/dev/null 2>&1 && break; sleep 1; done
$AS_PG psql -qtAc "select 1 from pg_roles where rolname='quiz_test'" | grep -q 1 \
  || $AS_PG psql -qc "create role quiz_test login superuser password 'quiz_test'" >&2
$AS_PG psql -qtAc "select 1 from pg_database where datname='quiz_test'" | grep -q 1 \
  || $AS_PG createdb -O quiz_test quiz_test >&2
echo "postgresql+psycopg://quiz_test:quiz_test@127.0.0.1/quiz_test"

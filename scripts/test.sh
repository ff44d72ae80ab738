#!/usr/bin/env bash
# Runs the suite on SQLite, then on PostgreSQL. With CI=true, PostgreSQL is mandatory.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
only="${1:-all}"
# Two workers by default (CI machines have 2 cores); TEST_WORKERS=0 runs in one process.
WORKERS=(-n "${TEST_WORKERS:-2}")

pg_reachable() {
    DATABASE_URL="$PG_URL" "$PY" - <<'PY'
import os, sys
import psycopg
try:
    psycopg.connect(os.environ["DATABASE_URL"].replace("postgres://", "postgresql://"), connect_timeout=5).close()
except Exception as exc:
    print(f"PostgreSQL unreachable: {exc}", file=sys.stderr)
    sys.exit(1)
PY
}

if [ "$only" != "postgres" ]; then
    echo "== tests on SQLite"
    env -u DATABASE_URL "$PY" -m pytest -q "${WORKERS[@]}" "${@:2}"
fi

# One test database per checkout (test_timeledger_ and a hash of this folder's path, the default
# of settings.py), so two people sharing a PostgreSQL server never collide; TIMELEDGER_TEST_DB
# overrides it.
TEST_DB="${TIMELEDGER_TEST_DB:-$("$PY" -m timeledger.core.env "$PWD")}"
echo "== tests on PostgreSQL ($PG_URL, test database $TEST_DB)"
if pg_reachable; then
    DATABASE_URL="$PG_URL" TIMELEDGER_TEST_DB="$TEST_DB" \
        "$PY" -m pytest -q "${WORKERS[@]}" "${@:2}"
elif [ "${CI:-}" = "true" ]; then
    echo "CI=true: the PostgreSQL run is mandatory and PostgreSQL cannot be reached at $PG_URL" >&2
    exit 1
else
    echo "WARNING: PostgreSQL not reachable; skipped the PostgreSQL run (CI makes it mandatory)" >&2
fi

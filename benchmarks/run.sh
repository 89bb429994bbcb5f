#!/usr/bin/env bash
# `make bench`: the performance benchmark of docs/performance.md, on PostgreSQL.
#
#   1. creates the database of BENCH_DATABASE_URL when it does not exist,
#   2. migrates it and generates BENCH_CASES fictional cases, plain persons up to BENCH_PERSONS
#      in total and BENCH_SIGNALS signals (each skipped when already there),
#   3. collects the static files once (the benchmark runs with production settings),
#   4. measures the pages with `regie bench run`, with the cost ladder (results in
#      benchmarks/results/), then the same on a second database of BENCH_SMALL_CASES cases and
#      compares the two with `regie bench scale` (does a page slow down as the data grows?),
#   5. measures whether a hidden case can be told from a missing one by its response time with
#      `regie bench oracle` (results in benchmarks/results/oracle-*.json),
#   6. measures the duplicate check and the intake pages with `regie bench intake` (results in
#      benchmarks/results/intake-*.json; a page whose URL does not exist yet is skipped).
#
# Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/regie_bench),
# BENCH_CASES (default 100000), BENCH_ITERATIONS (default 100), BENCH_ARGS (extra arguments
# for `regie bench run`, e.g. --check), BENCH_ORACLE_PAIRS (default 250), BENCH_PERSONS (default
# 1000000), BENCH_SIGNALS (default 200000), BENCH_SMALL_DATABASE_URL (default …/regie_bench_small)
# and BENCH_SMALL_CASES (default 10000; empty: no scale comparison), BENCH_ONLY (`pages`, `oracle`
# or `intake`: run only that measurement).
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")/.."
BIN=.venv/bin
URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/regie_bench}
CASES=${BENCH_CASES:-100000}
ITERATIONS=${BENCH_ITERATIONS:-100}
ORACLE_PAIRS=${BENCH_ORACLE_PAIRS:-250}
PERSONS=${BENCH_PERSONS:-1000000}
SIGNALS=${BENCH_SIGNALS:-200000}
ONLY=${BENCH_ONLY:-}
SMALL_URL=${BENCH_SMALL_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/regie_bench_small}
SMALL_CASES=${BENCH_SMALL_CASES-10000}

case "$ONLY" in
  "" | pages | oracle | intake) ;;
  *) echo "BENCH_ONLY must be empty, pages, oracle or intake" >&2; exit 2 ;;
esac

for url in "$URL" "$SMALL_URL"; do
  case "$url" in
    postgres://* | postgresql://*) ;;
    *) echo "BENCH_DATABASE_URL and BENCH_SMALL_DATABASE_URL must be postgres:// URLs" >&2; exit 2 ;;
  esac
done

# prepare URL CASES PERSONS SIGNALS: create the database when missing (connecting to the
# server's maintenance database), migrate it and generate what is not there yet.
prepare() {
  BENCH_URL="$1" "$BIN/python" - <<'PY'
import os
from urllib.parse import unquote, urlsplit

import psycopg
from psycopg import sql

url = urlsplit(os.environ["BENCH_URL"])
name = unquote(url.path.lstrip("/"))
admin = url._replace(path="/postgres").geturl()
with psycopg.connect(admin, autocommit=True) as conn:
    if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"created database {name}")
PY
  # Preparation runs in development mode: the generator refuses to run otherwise.
  DATABASE_URL="$1" REGIE_DEBUG=1 "$BIN/regie" migrate --no-input
  DATABASE_URL="$1" REGIE_DEBUG=1 "$BIN/regie" bench generate --cases "$2" --if-missing \
    --persons "$3" --signals "$4"
}

prepare "$URL" "$CASES" "$PERSONS" "$SIGNALS"
export DATABASE_URL="$URL"

# The measurement runs with production settings (DEBUG off, manifest static files, HTTPS).
STATIC_ROOT=var/bench-static
export REGIE_DEBUG=0
export REGIE_SECRET_KEY="bench-only-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export REGIE_ALLOWED_HOSTS=localhost
export REGIE_STATIC_ROOT="$STATIC_ROOT"
export REGIE_ENVIRONMENT=test
# One line per request on stderr would bury the tables (the load test keeps it, in its log file).
export REGIE_ACCESS_LOG=0
"$BIN/regie" collectstatic --no-input -v 0
if [ -z "$ONLY" ] || [ "$ONLY" = pages ]; then
  # shellcheck disable=SC2086 # BENCH_ARGS is a list of arguments
  "$BIN/regie" bench run --iterations "$ITERATIONS" ${BENCH_ARGS:-}
  if [ -n "$SMALL_CASES" ]; then
    # The same pages on a tenth of the data (persons and signals only as the cases need them).
    prepare "$SMALL_URL" "$SMALL_CASES" 0 0
    # shellcheck disable=SC2086
    DATABASE_URL="$SMALL_URL" "$BIN/regie" bench run --iterations "$ITERATIONS" --label small \
      ${BENCH_ARGS:-}
    "$BIN/regie" bench scale
  fi
fi
if [ -z "$ONLY" ] || [ "$ONLY" = oracle ]; then
  "$BIN/regie" bench oracle --pairs "$ORACLE_PAIRS"
fi
if [ -z "$ONLY" ] || [ "$ONLY" = intake ]; then
  "$BIN/regie" bench intake
fi

#!/usr/bin/env bash
# CI of the Python package (called by .ci/run after the Rust checks; runs
# alone too): a fresh virtual environment with the pinned packages of
# python/requirements-ci.txt, the wheel built with maturin and installed
# into it, then pytest (strings API, Arrow batches, the Ray Data job
# against `clausealign batch`), then the Spark job's test on its own
# (tests/test_spark.py: mapInArrow on a local[2] Spark, Java 17, installed
# with apt when the machine has no java), which must run: a skipped Spark
# test fails CI. Prints the time and disk each step takes.
#
# The wheel builds in the workspace's target folder (CARGO_TARGET_DIR when
# set), so its dependencies are compiled once, shared with `cargo build
# --release`. The venv lives there too (target/python-ci/venv) and is
# removed at the end unless KEEP_PYTHON_VENV=1.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${CARGO_TARGET_DIR:-$PWD/target}"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac
work="$target/python-ci"
venv="$work/venv"
started=$SECONDS
step() { echo "-- $1 ($((SECONDS - started)) s so far)"; }

step "virtual environment with python/requirements-ci.txt"
python3 --version
rm -rf "$work"
python3 -m venv "$venv"
# No pip cache: CI's disk is limited and every run starts clean anyway.
PIP_NO_CACHE_DIR=1 "$venv/bin/pip" install --quiet --disable-pip-version-check \
  -r python/requirements-ci.txt

step "the command line the tests compare with (cargo build --release)"
cargo build --release
export CLAUSEALIGN_BIN="$target/release/clausealign"

step "the wheel (maturin build --release)"
(cd python && "$venv/bin/maturin" build --release --out "$work/wheels")
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps "$work"/wheels/clausealign-*.whl

step "pytest python/tests (all but the Spark job)"
# From python/, so that the installed wheel (not pysrc/) is imported: the
# tests exercise what a user installs.
(cd python && "$venv/bin/python" -m pytest tests -q -p no:cacheprovider \
  --ignore=tests/test_spark.py)

step "Java for Spark"
if [ -z "${JAVA_HOME:-}" ] && ! command -v java >/dev/null; then
  # Spark 4 needs Java 17 or newer: Debian 12's openjdk-17-jre-headless,
  # 44 MB to fetch, 190 MB on disk; the .debs are dropped.
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends openjdk-17-jre-headless
  $sudo apt-get clean
fi
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | sed -n 1p

step "the Spark job (tests/test_spark.py: mapInArrow, local[2])"
spark_started=$SECONDS
# CLAUSEALIGN_REQUIRE_SPARK=1: no pyspark or no java fails the test
# instead of skipping it, so CI cannot go green without running the job.
(cd python && CLAUSEALIGN_REQUIRE_SPARK=1 "$venv/bin/python" -m pytest tests/test_spark.py \
  -q -p no:cacheprovider)
echo "Spark job test: $((SECONDS - spark_started)) s"

step "done"
echo "disk: venv $(du -sh "$venv" | cut -f1), target $(du -sh "$target" | cut -f1)"
if [ "${KEEP_PYTHON_VENV:-0}" != 1 ]; then
  rm -rf "$work"
fi
echo "python package CI: $((SECONDS - started)) s"

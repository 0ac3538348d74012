#!/usr/bin/env bash
# CI of the Python package (called by .ci/run after the Rust checks; runs
# alone too): a fresh virtual environment with the pinned packages of
# python/requirements-ci.txt, the wheel built with maturin and installed
# into it, then pytest (strings API, Arrow batches, the Ray Data job
# against `clausealign batch`). Prints the time and disk each step takes.
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

step "pytest python/tests"
# From python/, so that the installed wheel (not pysrc/) is imported: the
# tests exercise what a user installs.
(cd python && "$venv/bin/python" -m pytest tests -q -p no:cacheprovider)

step "done"
echo "disk: venv $(du -sh "$venv" | cut -f1), target $(du -sh "$target" | cut -f1)"
if [ "${KEEP_PYTHON_VENV:-0}" != 1 ]; then
  rm -rf "$work"
fi
echo "python package CI: $((SECONDS - started)) s"

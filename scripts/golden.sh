#!/usr/bin/env bash
# Golden comparison: run a clausealign binary over every document in
# ../shared/data (dev, ctk-dev, literary-dev, clean) and write one JSON per
# document (`check -f json`), so two builds can be compared byte for byte.
#
#   scripts/golden.sh BIN OUTDIR            # write OUTDIR/<set>/<doc>.json
#   diff -r OLD_OUTDIR NEW_OUTDIR           # what changed
#
# ctk-dev and literary-dev are one sentence per line: they run with
# `--segment lines`, as the evaluation does.
set -euo pipefail
bin=$(realpath "$1")
out=$2
shared=${SHARED:-$(dirname "$0")/../../shared}
mkdir -p "$out"
for set in dev ctk-dev literary-dev clean; do
  mkdir -p "$out/$set"
  extra=()
  case $set in ctk-dev|literary-dev) extra=(--segment lines) ;; esac
  for doc in "$shared/data/$set"/*/; do
    name=$(basename "$doc")
    if [ -f "$doc/bilingual.txt" ]; then
      args=("$doc/bilingual.txt")
    else
      args=(--zh "$doc/zh.txt" --en "$doc/en.txt")
    fi
    status=0
    "$bin" check -f json "${extra[@]}" "${args[@]}" >"$out/$set/$name.json" 2>"$out/$set/$name.err" || status=$?
    echo "exit $status" >>"$out/$set/$name.err"
  done
done

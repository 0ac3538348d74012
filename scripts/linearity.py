#!/usr/bin/env python3
"""Does clausealign take time linear in the size of pathological inputs?

For each shape of input (one huge line without punctuation, long runs of
punctuation, numbers, e-mail addresses, lines dense with negation or modal
cues or names, ...) it writes a bilingual file of SIZE bytes and one of
4 x SIZE bytes, runs `clausealign check --format json`
on both and prints the CPU times (user + system, so that other work on the
machine does not count) and their ratio. Linear work gives a ratio near
4 (a little more or less with start-up costs); quadratic work gives ~16.

    python3 scripts/linearity.py [--tool target/release/clausealign] [--size 1M]
                                 [--timeout 120] [SHAPE ...]

Python 3 standard library only. Results are described in docs/errors.md.
"""

import argparse
import os
import subprocess
import sys
import resource
import tempfile

ZH_SENTENCE = "我们收集您的个人信息用于提供服务。"
EN_SENTENCE = "We collect your personal information to provide services. "

# name -> (unit repeated on the long Chinese line, unit repeated on the long English line)
SHAPES = {
    "no-punctuation": ("我们收集您的个人信息用于提供服务", "we collect your personal information to provide services "),
    "semicolon-run": ("； ", "; "),
    "full-stop-run": ("。 ", ". "),
    "numbers": ("1,", "1,"),
    "percentages": ("50%", "50% "),
    "money": ("$1", "$1 "),
    "emails": ("a@b.c", "a@b.c "),
    "phones": ("+86 ", "+86 "),
    "one-word": ("隐私", "privacy "),
    "capitals": ("隐私", "ABC "),
    "articles": ("第一条", "Article 3 "),
    "durations": ("15个工作日", "15 days "),
    # One long Chinese line against English sentences plus a long line: the
    # aligner merges them into one pair (check compares the two sides' words).
    "merged-words": ("我们收集您的个人信息用于提供服务", "privacy "),
    "merged-capitals": ("我们收集您的个人信息用于提供服务", "ABC "),
    # One line per language dense with negation cues: the check follows every
    # cue to the word it governs and into the other side.
    "negation-dense": ("我们不会出售您的信息，", "we will not sell your data, "),
    # Dense with modal cues, one side with twice as many ("may keep" has no
    # counterpart), so that every cue of both sides is followed.
    "modality-dense": ("您可以删除您的信息，", "you may delete your data and may keep it, "),
    # Dense with names that the other side does not write.
    "names-dense": ("我们与Alpha合作，", "we work with Beta, "),
}

# Shapes whose Chinese side is the long line alone.
MERGED = {"merged-words", "merged-capitals"}


def parse_size(s):
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(s[-1].upper(), 1)
    return int(s[:-1] if s[-1].isalpha() else s) * mult


def write_case(path, zh_unit, en_unit, size, merged=False):
    """A Chinese paragraph, a long Chinese line, an English paragraph, a long
    English line: SIZE bytes in all. `merged`: no Chinese paragraph, and the
    Chinese line a third of the English one."""
    half = size // 2
    zh = zh_unit * max(1, (half // 3 if merged else half) // len(zh_unit.encode()))
    en = en_unit * max(1, half // len(en_unit.encode()))
    zh_para = "" if merged else ZH_SENTENCE * 3 + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(zh_para + zh + "\n\n" + EN_SENTENCE * 3 + "\n" + en + "\n")


def cpu_seconds():
    """User plus system CPU time of the finished child processes so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(tool, path, timeout):
    start = cpu_seconds()
    try:
        p = subprocess.run(
            [tool, "check", "--format", "json", "--max-size", "1G", path],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None, "timeout"
    elapsed = cpu_seconds() - start
    if p.returncode not in (0, 1):
        return elapsed, p.stderr.decode(errors="replace").strip()[:80]
    return elapsed, ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tool", default="target/release/clausealign")
    ap.add_argument("--size", default="1M", help="size of the small input (K, M suffixes)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    ap.add_argument("shapes", nargs="*", help=f"any of: {' '.join(SHAPES)}")
    args = ap.parse_args()
    size = parse_size(args.size)
    names = args.shapes or list(SHAPES)
    unknown = [n for n in names if n not in SHAPES]
    if unknown:
        sys.exit(f"unknown shape(s): {' '.join(unknown)}")
    print(f"{'shape':16} {'1x (s)':>9} {'4x (s)':>9} {'ratio':>7}  note  (CPU seconds)")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            zh_unit, en_unit = SHAPES[name]
            times = []
            notes = []
            for factor in (1, 4):
                path = os.path.join(tmp, f"{name}-{factor}.txt")
                write_case(path, zh_unit, en_unit, size * factor, name in MERGED)
                t, note = run(args.tool, path, args.timeout)
                times.append(t)
                if note:
                    notes.append(f"{factor}x: {note}")
                os.remove(path)
            small, big = times
            fmt = lambda t: f">{args.timeout:.0f}" if t is None else f"{t:.2f}"
            ratio = f"{big / small:.1f}" if small and big else "-"
            print(f"{name:16} {fmt(small):>9} {fmt(big):>9} {ratio:>7}  {'; '.join(notes)}", flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Judged precision: score a clausealign build against findings we judged by
reading both versions of each document.

    scripts/judged.py --tool target/release/clausealign [--shared ../shared]
    scripts/judged.py --tool ... --unjudged          # list findings without a label
    scripts/judged.py --tool ... --template          # append them, label '?', to the label files
    scripts/judged.py --tool ... --calibration       # labels by kind and confidence band, --all included

Labels live in data/judged/<set>/<document>.tsv (sets: clean, dev, ctk-dev),
one finding per row, keyed by file lines, not clause ids, so they survive
segmentation changes:

    kind  zh_lines  en_lines  value  label  reason

* kind: the finding's kind (omission, number, date, contact, entity,
  negation, modality, ...);
* zh_lines / en_lines: the 1-based lines of the input file(s) the finding's
  clauses cover, as a sorted comma list with ranges (`12`, `12-14,20`), or
  `-` for none;
* value: `zh_value|en_value` of the finding (either may be empty), so two
  findings of one kind on the same lines stay apart;
* label: `true` (a real difference a reviewer wants to see), `minor` (real
  but trivial: a translator's harmless choice made visible), `false` (no
  difference: the checker misread the text);
* reason: why, in our own words (never the documents' text at length: the
  documents are third-party and stay in ../shared).

A finding matches a row with the same kind and lines and value; failing that,
the same kind and lines when exactly one row of that kind is on those lines.
Precision is true / judged, and (true + minor) / judged. Findings without a
label are listed and counted as unjudged: every finding should be judged.

`real_found_by_true` is the share of the real differences listed in the
clean documents' discrepancies.tsv that a finding judged true or minor
touches (a line of the listed difference on either side). The scorer's
`real_recall` also counts a finding judged false that happens to sit on a
listed line; this one counts only findings that are right, so removing a
false finding cannot lower it.
The documents themselves are read from ../shared/data; the runs use the same
arguments as the independent scorer (`--segment lines` for ctk-dev).
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETS = {"clean": [], "dev": [], "ctk-dev": ["--segment", "lines"]}
LABELS = ("true", "minor", "false")


# Findings below the tool's default --min-confidence are not shown to a
# reviewer; --calibration (which runs with --all) reports them in their band.
MIN_CONFIDENCE = 0.5
BANDS = [(0.5, "<0.50"), (0.6, "0.50-0.59"), (0.7, "0.60-0.69"), (0.8, "0.70-0.79"), (2.0, ">=0.80")]


def band(confidence):
    """The confidence band a finding falls in."""
    return next(name for top, name in BANDS if confidence < top)


def ranges(lines):
    """Sorted line numbers as `1-3,7`; `-` when empty."""
    lines = sorted(set(lines))
    if not lines:
        return "-"
    out, start, prev = [], lines[0], lines[0]
    for n in lines[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ",".join(out)


def run_tool(tool, doc, extra, tool_args):
    bil = os.path.join(doc, "bilingual.txt")
    files = [bil] if os.path.exists(bil) else ["--zh", os.path.join(doc, "zh.txt"), "--en", os.path.join(doc, "en.txt")]
    cmd = [tool, "check", "-f", "json"] + extra + tool_args + files
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr}")
    return json.loads(p.stdout)


def finding_rows(out):
    rows = []
    for f in out.get("findings", []):
        lines = {}
        for side in ("zh", "en"):
            ls = []
            for i in f.get(side, []):
                c = out["clauses"][side][i]
                ls.extend(range(c["line"], c.get("end_line", c["line"]) + 1))
            lines[side] = ranges(ls)
        value = f"{f.get('zh_value') or ''}|{f.get('en_value') or ''}"
        rows.append((f["kind"], lines["zh"], lines["en"], value, f))
    return rows


def read_labels(path):
    labels = []
    if not os.path.exists(path):
        return labels
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 5:
                raise SystemExit(f"{path}:{n}: expected kind, zh_lines, en_lines, value, label, reason")
            kind, zl, el, value, label = parts[:5]
            if label not in LABELS and label != "?":
                raise SystemExit(f"{path}:{n}: label `{label}` is not one of {', '.join(LABELS)}")
            labels.append({"kind": kind, "zh": zl, "en": el, "value": value, "label": label,
                           "reason": parts[5] if len(parts) > 5 else "", "line": n})
    return labels


def parse_lines(s):
    """`7`, `69-71`, `3,5` or `-` -> set of 1-based lines."""
    out = set()
    for part in s.strip().split(","):
        part = part.strip()
        if part in ("", "-"):
            continue
        a, _, b = part.partition("-")
        out.update(range(int(a), int(b or a) + 1))
    return out


def listed_differences(doc):
    """(zh lines, en lines) of each difference in the document's discrepancies.tsv."""
    path = os.path.join(doc, "discrepancies.tsv")
    if not os.path.exists(path):
        return []
    out = []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            if not raw.strip() or raw.startswith("#"):
                continue
            parts = raw.rstrip("\n").split("\t")
            out.append((parse_lines(parts[1]), parse_lines(parts[2])))
    return out


def match(row, labels, used=None):
    """The label row for a finding. Several findings of one kind on the same
    lines with the same value (e.g. omissions, value `|`) match their rows in
    file order: each label row is used once while unused ones remain."""
    kind, zl, el, value, _ = row
    exact = [l for l in labels if (l["kind"], l["zh"], l["en"], l["value"]) == (kind, zl, el, value)]
    if exact:
        fresh = [l for l in exact if used is None or l["line"] not in used]
        pick = (fresh or exact)[0]
        if used is not None:
            used.add(pick["line"])
        return pick
    same = [l for l in labels if (l["kind"], l["zh"], l["en"]) == (kind, zl, el)]
    return same[0] if len(same) == 1 else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tool", required=True)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--labels", default=os.path.join(ROOT, "data", "judged"))
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--tool-args", default="", help="extra arguments for every run, e.g. --all")
    ap.add_argument("--unjudged", action="store_true", help="list the findings without a label")
    ap.add_argument("--template", action="store_true", help="append unjudged findings to the label files with label ?")
    ap.add_argument("--json", action="store_true", help="print only the JSON summary")
    ap.add_argument("--calibration", action="store_true",
                    help="run with --all and print the labels by kind and confidence band")
    a = ap.parse_args()
    tool_args = a.tool_args.split()
    if a.calibration and "--all" not in tool_args:
        tool_args.append("--all")
    bands = collections.defaultdict(collections.Counter)
    counts = collections.Counter()
    by_kind = collections.defaultdict(collections.Counter)
    by_set = collections.defaultdict(collections.Counter)
    unjudged = []
    listed = found = 0
    for s in a.sets.split(","):
        for doc in sorted(glob.glob(os.path.join(a.shared, "data", s, "*/"))):
            name = os.path.basename(os.path.normpath(doc))
            path = os.path.join(a.labels, s, name + ".tsv")
            labels = read_labels(path)
            out = run_tool(a.tool, doc, SETS.get(s, []), tool_args)
            new_rows = []
            used = set()
            right = []
            for row in finding_rows(out):
                lab = match(row, labels, used)
                label = lab["label"] if lab else "?"
                if label in ("true", "minor"):
                    right.append((parse_lines(row[1]), parse_lines(row[2])))
                if label == "?":
                    unjudged.append((s, name, row))
                    if not lab:
                        new_rows.append(row)
                bands[(row[0], band(row[4]["confidence"]))][label] += 1
                if row[4]["confidence"] < MIN_CONFIDENCE:
                    continue  # shown only with --all: not in the precision
                counts[label] += 1
                by_kind[row[0]][label] += 1
                by_set[s][label] += 1
            if s == "clean":
                for zl, el in listed_differences(doc):
                    listed += 1
                    found += any(zl & fz or el & fe for fz, fe in right)
            if a.template and new_rows:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                fresh = not os.path.exists(path)
                with open(path, "a", encoding="utf-8") as fh:
                    if fresh:
                        fh.write("# kind\tzh_lines\ten_lines\tvalue\tlabel\treason\n")
                    for kind, zl, el, value, f in new_rows:
                        fh.write(f"{kind}\t{zl}\t{el}\t{value}\t?\t{f['message'][:160]}\n")

    def prec(c):
        judged = sum(c[l] for l in LABELS)
        return {"judged": judged, "unjudged": c["?"],
                "precision": round(c["true"] / judged, 4) if judged else None,
                "precision_with_minor": round((c["true"] + c["minor"]) / judged, 4) if judged else None,
                "true": c["true"], "minor": c["minor"], "false": c["false"]}

    if a.calibration:
        print("kind        band       true minor false unjudged  precision")
        for (kind, b), c in sorted(bands.items()):
            judged = sum(c[l] for l in LABELS)
            p = f"{c['true'] / judged:.2f}" if judged else "-"
            print(f"{kind:11s} {b:10s} {c['true']:4d} {c['minor']:5d} {c['false']:5d} {c['?']:8d}  {p:>9s}")
        return 0
    if not a.json:
        if a.unjudged:
            for s, name, (kind, zl, el, value, f) in unjudged:
                print(f"{s}/{name}\t{kind}\tzh {zl}\ten {el}\t{value}\t{f['message'][:120]}")
        for s, c in sorted(by_set.items()):
            print(f"set {s:8s} {json.dumps(prec(c))}")
        for k, c in sorted(by_kind.items()):
            print(f"kind {k:9s} {json.dumps(prec(c))}")
    summary = prec(counts)
    if listed:
        summary["real_listed"] = listed
        summary["real_found_by_true"] = round(found / listed, 4)
    print(json.dumps(summary))


if __name__ == "__main__":
    sys.exit(main())

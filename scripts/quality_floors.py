#!/usr/bin/env python3
"""Quality floors for CI: run the independent scorer (../shared/eval/clauseeval.py)
on the shared dev sets and fail when a number drops below its floor.

Usage: scripts/quality_floors.py --shared ../shared --tool target/release/clausealign

Each floor is a (description, scorer arguments, JSON key, minimum or maximum).
The floors are the issue targets where the tool meets them; docs/quality.md
lists the measured values they guard. Mode `judged` runs scripts/judged.py
(our labels in data/judged) instead of the scorer.
"""
import argparse
import glob
import json
import os
import subprocess
import sys

# (name, mode, data glob, tool args, key, bound, is_max)
# Issue targets where the tool meets them; measured values below them are
# guarded at their current level (docs/quality.md gives both).
FLOORS = [
    ("policies: micro line F1", "align", "data/dev/*", "", "align_f1", 0.98, False),
    ("policies: worst document line F1", "align", "data/dev/*", "", "min_doc_f1", 0.95, False),
    ("mhz-privacy: line F1", "align", "data/dev/mhz-privacy", "", "align_f1", 1.0, False),
    ("CTK: sentence strict F1", "align", "data/ctk-dev/*", "--segment lines", "strict_f1", 0.93, False),
    ("policies: planted defects found", "mutate", "data/dev/*", "", "recall", 0.95, False),
    ("policies: omissions found", "mutate", "data/dev/*", "", "recall_omission", 0.95, False),
    ("policies: additions found", "mutate", "data/dev/*", "", "recall_addition", 0.95, False),
    ("policies: changed numbers found", "mutate", "data/dev/*", "", "recall_number", 0.95, False),
    ("policies: changed contacts found", "mutate", "data/dev/*", "", "recall_contact", 0.95, False),
    ("policies: changed entities found", "mutate", "data/dev/*", "", "recall_entity", 0.95, False),
    ("policies: flipped negations found", "mutate", "data/dev/*", "", "recall_negation", 0.95, False),
    # Target 0.95, measured 0.909 (20/22; 0.857 until a "will" after we/you
    # read as a commitment found "You will also send" against 您也可以). The
    # 2 sites missed are changes that keep the meaning (将导致 vs "would
    # make"; 我们也会 vs "We also will send"). Guarded at its level;
    # docs/quality.md.
    ("policies: changed modality found", "mutate", "data/dev/*", "", "recall_modality", 0.90, False),
    ("policies: spurious findings per defect", "mutate", "data/dev/*", "", "spurious_per_defect", 0.1, True),
    ("policies: findings per 100 clauses, clean", "mutate", "data/dev/*", "", "clean_findings_per_100_clauses", 3.0, True),
    # Target 0.90, measured 0.885 (46/52: a false negation gone on 198706005
    # zh 34 made its 必须 -> 可以 site against "requires a plan" plantable,
    # found once "requires" reads as an obligation); 0.88 (44/50: the false "two-year only in the
    # English" finding gone, its number site became plantable and is found;
    # 0.878, 43/49, 0.875, 42/48, and 0.872, 41/47, before removed false
    # findings made more sites plantable). 0.884 (38/43) until a false
    # "obligation only" finding on 198706005 zh 118 was hidden (必须花点心力
    # = "takes some effort"): the scorer skips sites the clean document
    # already has a finding on, so the site became plantable and is missed
    # (必须 -> 可以 against an English plain statement, a permission that
    # translators leave implicit). The other misses: two alignment shifts
    # around a deleted line, two more 可以-against-plain sites, one negation
    # without lexicon link (docs/quality.md). 0.904 (47/52) since "is
    # subject to" reads as a requirement (one of the 可以 sites found): the
    # issue's 0.90 is met. Guarded at its level.
    ("CTK: planted defects found", "mutate", "data/ctk-dev/*", "--segment lines", "recall", 0.90, False),
    ("CTK: spurious findings per defect", "mutate", "data/ctk-dev/*", "--segment lines", "spurious_per_defect", 0.20, True),
    # Real bilingual documents, mostly faithful translations (issue 12 targets:
    # at most 1.0 findings and 0.3 errors per 100 clauses outside the listed
    # differences, at least 0.6 of the listed differences found). The noise
    # target is met (0.13; 0.26 at 7f19338, 0.34 at b276aa1, 0.35 at e7db197, 0.38 at d3e89ce, 0.45 at b9632c1, 0.50, 0.60, 0.69, 0.74, 0.79,
    # 0.89 and 1.20 the sessions before), the error rate too (0.03; 0.07 before);
    # guarded near the measured level.
    # The recall target is not met.
    ("clean: findings per 100 clauses (false alarms)", "noise", "data/clean/*/", "", "findings_per_100_clauses", 0.15, True),
    ("clean: errors per 100 clauses (false alarms)", "noise", "data/clean/*/", "", "error_per_100_clauses", 0.05, True),
    # CTK dev (free translations; target at most 10 findings per 100
    # clauses, about 6 of them clauses the gold leaves without counterpart).
    # Met since clauses without counterpart that follow each other are one
    # finding (12.0 -> 8.15; 6.36, 5.50, 5.39, 5.27, 4.33, 3.93, then 3.13
    # once free translations were recognised, 2.76 once negations
    # worded apart were hedged, 2.57 once a link against an unexplained
    # negation of the other side was, 2.46 at 7f19338, 2.43 now).
    ("CTK: findings per 100 clauses", "noise", "data/ctk-dev/*", "--segment lines", "findings_per_100_clauses", 2.6, True),
    # The scorer's real_recall counts any finding on a listed line, also one
    # judged false: removing false findings lowers it. It was 0.3375 with 5
    # of its 27 hits made by false findings (lines holding both languages
    # read as untranslated, modality findings on the wrong sentence, a
    # negation finding on 不能执行 = "unenforceable" whose listed difference
    # is 除非 for "excluding"), 0.2375 once those were gone, and 0.2125 since
    # "possibility only in the English version" needs the other side to have
    # no modal at all, even one another rule explains: the two it lost on
    # openevangel-gpl-1.0-zh line 279 came from a finding judged false
    # ("any party who MAY modify"); 0.325 since dropped qualifiers
    # ("non-exclusive", "intentionally", "under penalty of perjury") are
    # reported; 0.3375 since a bound that includes its value against one
    # that excludes it is (未满19岁 against "19 or under"); 0.375 since a
    # defined party rendered as two parties (数据提供者 / 数据处理者) is an
    # entity finding, what the listed differences call it; 0.3875 since the
    # 明示 of 明示或默示 ("express or implied") no longer renders an
    # "expressly" the Chinese drops. What the check
    # finds for the right
    # reason is guarded by `real_found_by_true` below, which removing a
    # false finding cannot lower.
    ("clean: listed real differences found", "real", "data/clean/*/", "", "real_recall", 0.38, False),
    # Judged precision: every finding on clean, dev and ctk-dev labelled by
    # reading both versions (data/judged; issue 12 target 0.85). Guarded at
    # the measured level; findings without a label are not counted, and
    # `scripts/judged.py --unjudged` lists them for judging. It fell from
    # 0.338 to 0.161 when runs of clauses without counterpart became one
    # finding each: 145 single-clause findings judged true on ctk-dev (whole
    # passages the other version lacks) are now 21 blocks, while the false
    # findings of other kinds stay one each. One finding per difference is
    # what the issue asks for; the precision counts differences now.
    ("judged: precision (true over judged)", "judged", "", "", "precision", 0.51, False),
    ("judged: precision counting minor differences", "judged", "", "", "precision_with_minor", 0.68, False),
    # Listed real differences of clean that a finding judged true or minor
    # touches (scripts/judged.py): the honest part of real_recall.
    ("judged: listed real differences found by true findings", "judged", "", "", "real_found_by_true", 0.42, False),
]


def run(shared, tool, mode, pattern, tool_args):
    if mode == "judged":
        # Our own labels (data/judged), scored by scripts/judged.py.
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "judged.py")
        cmd = [sys.executable, script, "--tool", tool, "--shared", shared, "--json"]
        out = subprocess.run(cmd, capture_output=True, text=True)
        lines = out.stdout.strip().splitlines()
        if out.returncode != 0 or not lines:
            raise SystemExit(f"judged.py failed ({' '.join(cmd)}):\n{out.stdout}\n{out.stderr}")
        return json.loads(lines[-1])
    docs = sorted(glob.glob(os.path.join(shared, pattern)))
    if not docs:
        raise SystemExit(f"no documents match {pattern} under {shared}")
    cmd = [sys.executable, os.path.join(shared, "eval", "clauseeval.py"), mode, "--tool", tool]
    if tool_args:
        cmd += ["--tool-args", tool_args]
    out = subprocess.run(cmd + docs, capture_output=True, text=True)
    lines = out.stdout.strip().splitlines()
    if out.returncode != 0 or not lines:
        raise SystemExit(f"scorer failed ({' '.join(cmd)}):\n{out.stdout}\n{out.stderr}")
    return json.loads(lines[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--tool", required=True)
    a = ap.parse_args()
    cache = {}
    failed = 0
    for name, mode, pattern, args, key, bound, is_max in FLOORS:
        k = (mode, pattern, args)
        if k not in cache:
            cache[k] = run(a.shared, a.tool, mode, pattern, args)
        value = cache[k].get(key)
        ok = value is not None and (value <= bound if is_max else value >= bound)
        rel = "<=" if is_max else ">="
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {value} ({rel} {bound})")
        failed += not ok
    if failed:
        raise SystemExit(f"{failed} quality floor(s) not met")


if __name__ == "__main__":
    main()

"""What the engine tests (test_ray.py, test_spark.py) assert: the rows an
engine job wrote equal the results of `clausealign batch` on the same
documents."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Dict, List

from conftest import run_cli
from corpus import Document


def batch_results(manifest: Path, out: Path) -> dict:
    """Per document id: (summary row, the JSON result or None)."""
    done = run_cli("batch", str(manifest), "-o", str(out), "-j", "2")
    assert done.returncode in (0, 1), done.stderr
    results = {}
    with (out / "summary.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            result = None
            if row["status"] == "ok":
                result = json.loads((out / row["output"]).read_text(encoding="utf-8"))
            results[row["id"]] = (row, result)
    return results


def assert_rows_equal_batch(
    rows: Dict[str, dict], documents: List[Document], manifest: Path, out: Path
) -> None:
    """`rows` (per id, a row of clausealign.SCHEMA as a dict) equal
    `clausealign batch` on the manifest: status, shape, clause, pair and
    finding counts, every finding and every pair; bad documents are error
    rows. The corpus must exercise both outcomes and the check's findings."""
    assert sorted(rows) == sorted(d.id for d in documents)
    expected = batch_results(manifest, out)
    assert sorted(expected) == sorted(rows)
    statuses = {"ok": 0, "error": 0}
    findings = 0
    for doc_id, (summary, result) in expected.items():
        row = rows[doc_id]
        assert row["status"] == summary["status"], (doc_id, row["error"], summary["error"])
        statuses[row["status"]] += 1
        if result is None:
            assert row["error"] and row["findings"] is None
            continue
        assert row["shape"] == result["shape"] == summary["shape"], doc_id
        assert row["zh_clause_count"] == len(result["clauses"]["zh"]) == int(summary["zh_clauses"])
        assert row["en_clause_count"] == len(result["clauses"]["en"]) == int(summary["en_clauses"])
        assert row["pair_count"] == len(result["pairs"]) == int(summary["pairs"])
        assert row["finding_count"] == len(result["findings"]) == int(summary["findings"])
        got = [
            {k: v for k, v in f.items() if k not in ("zh_line", "en_line") and v is not None}
            for f in row["findings"]
        ]
        assert got == result["findings"], doc_id
        assert [{"zh": p["zh"], "en": p["en"], "score": p["score"]} for p in row["pairs"]] == result["pairs"]
        findings += len(got)
    count = len(documents)
    assert statuses["error"] >= count // 20, statuses
    assert statuses["ok"] >= count // 2, statuses
    assert findings >= count // 4

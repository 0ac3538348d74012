"""The Ray Data job of examples/ray_job.py on a local Ray with 2 CPUs, over a
few hundred generated documents (bad ones included): its rows equal the
results of `clausealign batch` on the same documents."""

from __future__ import annotations

import csv
import importlib.util
import json

import clausealign
import pyarrow.parquet as pq
import pytest

from conftest import REPO, run_cli
from corpus import as_table, generate, write_files

ray = pytest.importorskip("ray")

DOCUMENTS = 300


def load_example_job():
    spec = importlib.util.spec_from_file_location("ray_job", REPO / "examples" / "ray_job.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def batch_results(manifest, out):
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


def test_ray_job_equals_the_command_lines_batch(tmp_path, local_ray):
    documents = generate(DOCUMENTS)
    table = as_table(documents)
    pq.write_table(table, tmp_path / "documents.parquet")
    manifest = write_files(documents, tmp_path / "files")

    load_example_job().check_table(str(tmp_path / "documents.parquet"), str(tmp_path / "checked"), batch_size=32)
    checked = pq.read_table(tmp_path / "checked")
    assert checked.schema.equals(clausealign.SCHEMA)
    rows = {row["id"]: row for row in checked.to_pylist()}
    assert sorted(rows) == sorted(d.id for d in documents)

    expected = batch_results(manifest, tmp_path / "batch")
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
    # The corpus exercises both outcomes and the check's findings.
    assert statuses["error"] >= DOCUMENTS // 20, statuses
    assert statuses["ok"] >= DOCUMENTS // 2, statuses
    assert findings >= DOCUMENTS // 4

"""The Ray Data job of examples/ray_job.py on a local Ray with 2 CPUs, over a
few hundred generated documents (bad ones included): its rows equal the
results of `clausealign batch` on the same documents."""

from __future__ import annotations

import importlib.util

import clausealign
import pyarrow.parquet as pq
import pytest

from compare import assert_rows_equal_batch
from conftest import REPO
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


def test_ray_job_equals_the_command_lines_batch(tmp_path, local_ray):
    documents = generate(DOCUMENTS)
    table = as_table(documents)
    pq.write_table(table, tmp_path / "documents.parquet")
    manifest = write_files(documents, tmp_path / "files")

    load_example_job().check_table(str(tmp_path / "documents.parquet"), str(tmp_path / "checked"), batch_size=32)
    checked = pq.read_table(tmp_path / "checked")
    assert checked.schema.equals(clausealign.SCHEMA)
    rows = {row["id"]: row for row in checked.to_pylist()}

    assert_rows_equal_batch(rows, documents, manifest, tmp_path / "batch")

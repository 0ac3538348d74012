"""The Spark job of examples/spark_job.py (mapInArrow with clausealign.SPARK_DDL)
on a local Spark with 2 cores, over a few hundred generated documents (bad
ones included): its rows equal the results of `clausealign batch` on the
same documents, and its schema is SPARK_DDL.

Needs pyspark and Java (17 or newer for Spark 4): skipped without them,
unless CLAUSEALIGN_REQUIRE_SPARK=1 (as in python/ci.sh), which makes a
missing pyspark or Java a failure, so that CI cannot pass without running
the job."""

from __future__ import annotations

import importlib.util
import os
import shutil
import warnings
from pathlib import Path

import clausealign
import pyarrow.parquet as pq
import pytest

from compare import assert_rows_equal_batch
from conftest import REPO
from corpus import as_table, generate, write_files

DOCUMENTS = 300
REQUIRED = os.environ.get("CLAUSEALIGN_REQUIRE_SPARK") == "1"


def java() -> str | None:
    """The java Spark's launcher runs: $JAVA_HOME/bin/java, else PATH's."""
    if os.environ.get("JAVA_HOME"):
        candidate = Path(os.environ["JAVA_HOME"]) / "bin" / "java"
        return str(candidate) if candidate.exists() else None
    return shutil.which("java")


def spark_missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed"
    if java() is None:
        return "no java (JAVA_HOME/bin/java or java on PATH)"
    return None


def load_example_job():
    spec = importlib.util.spec_from_file_location("spark_job", REPO / "examples" / "spark_job.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def job():
    missing = spark_missing()
    if missing and REQUIRED:
        pytest.fail(f"{missing}, and CLAUSEALIGN_REQUIRE_SPARK=1 forbids skipping the Spark test")
    if missing:
        pytest.skip(missing)
    return load_example_job()


@pytest.fixture(scope="module")
def local_spark(job):
    with warnings.catch_warnings():
        # pyspark 4.3 warns that it does not fully support pandas 3 (the
        # version Ray's pins bring); mapInArrow and Parquet use no pandas.
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
        spark = job.local_session(2, batch_size=32, driver_memory="1g")
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


def test_spark_job_equals_the_command_lines_batch(tmp_path, job, local_spark):
    documents = generate(DOCUMENTS)
    pq.write_table(as_table(documents), tmp_path / "documents.parquet")
    manifest = write_files(documents, tmp_path / "files")

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
        results = job.check_table(
            str(tmp_path / "documents.parquet"), str(tmp_path / "checked"), spark=local_spark
        )

    # The DataFrame's schema is SPARK_DDL exactly, NOT NULL included.
    declared = local_spark.createDataFrame([], clausealign.SPARK_DDL).schema
    assert results.schema == declared
    # One Parquet file a partition: the single input file was cut in two,
    # one partition per core.
    assert len(list((tmp_path / "checked").glob("*.parquet"))) == 2

    # The files hold clausealign.SCHEMA as Parquet stores it (list items
    # named `element`, as pyarrow's own writer names them), NOT NULL kept.
    pq.write_table(clausealign.SCHEMA.empty_table(), tmp_path / "schema.parquet")
    stored = pq.read_schema(tmp_path / "schema.parquet")
    checked = pq.read_table(tmp_path / "checked")
    assert checked.schema.equals(stored), checked.schema
    assert checked.cast(clausealign.SCHEMA).schema.equals(clausealign.SCHEMA)
    assert checked.num_rows == DOCUMENTS
    rows = {row["id"]: row for row in checked.to_pylist()}

    assert_rows_equal_batch(rows, documents, manifest, tmp_path / "batch")

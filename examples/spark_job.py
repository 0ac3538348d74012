"""Check a Parquet table of bilingual policies with Spark and clausealign.

Copy this file and adapt the paths. Input: Parquet with the columns ``id``
(string or integer), ``zh`` (string) and ``en`` (string, nullable: a null
``en`` means ``zh`` holds both languages). Output: Parquet in
``clausealign.SPARK_DDL`` (``clausealign.SCHEMA`` as Spark types), one row
per input row; join it back on ``id``.

    pip install pyspark pyarrow clausealign
    python examples/spark_job.py policies.parquet results/ --cores 8

``mapInArrow`` hands ``check_partition`` the rows of one partition as Arrow
RecordBatches and takes the checked batches back: no pandas, no Python
object per document. Each Spark task checks one partition on one core
(``threads=1``): Spark owns the parallelism. A document that cannot be
checked becomes a row with ``status == "error"``; it never fails the job.

On a cluster, drop ``local_session`` and use the session ``spark-submit``
gives you; ``clausealign`` and ``pyarrow`` must be installed on the
executors.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Iterator

import clausealign
import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession


def check_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The function ``mapInArrow`` runs in the Python worker of each task.
    Spark pickles it (its code, when it is in the script being run) and the
    worker imports ``clausealign`` by name: nothing else is shipped."""
    for batch in batches:
        yield clausealign.check_arrow(batch)


def local_session(
    cores: int = 2,
    *,
    batch_size: int = 1000,
    driver_memory: str = "2g",
) -> SparkSession:
    """A SparkSession on this machine alone (``local[cores]``), set for a
    small one. Call it before anything else starts Spark: the driver's
    memory is set when its JVM starts."""
    # The Python workers run the interpreter that runs this script (the
    # virtual environment where clausealign is installed); Spark would
    # otherwise start the first `python3` on PATH. A PYSPARK_PYTHON already
    # set wins.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("clausealign")
        # In local mode the driver is the only JVM: it holds the partitions
        # being read and shuffled while the Python workers (separate
        # processes, not counted here) check them. 2 GB leaves room for
        # batches of 1,000 policies; Spark's default is 1 GB.
        .config("spark.driver.memory", driver_memory)
        # Documents per Arrow batch handed to check_partition. Spark's
        # default, 10,000 rows, is 180 MB of text per batch for policies
        # of 18 KB, held by each worker with its results; 1,000 is 18 MB,
        # and a partition is still streamed through in batches.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(batch_size))
        # A shuffle (the repartition in check_table, a join of the results)
        # makes 200 partitions by default: 200 tiny tasks on a machine of a
        # few cores. One per core.
        .config("spark.sql.shuffle.partitions", str(cores))
        # mapInArrow moves Arrow batches whatever this says; it makes
        # toPandas() of the results, and createDataFrame(pandas), use Arrow
        # too instead of pickling rows one by one.
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        # The driver listens on loopback only: local mode needs no other
        # address, and no web UI (port 4040) is started.
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )


def check_table(
    input_path: str,
    output_path: str,
    *,
    spark: SparkSession | None = None,
    partitions: int | None = None,
) -> DataFrame:
    """Read ``input_path``, check every row, write the results to
    ``output_path`` (a new folder of Parquet files, one per partition).
    Uses ``spark``, or the active SparkSession. Returns the results
    DataFrame: its ``schema`` is ``clausealign.SPARK_DDL``; collecting it
    would run the check again, so read ``output_path`` instead.

    A task checks one partition, so the partitions decide how many cores
    work. Spark packs small Parquet files into one partition (up to
    ``spark.sql.files.maxPartitionBytes``, 128 MB) and never splits a row
    group, so a table of a few MB, or a file of one row group, is one
    partition whatever the cores. Such an input is repartitioned (round
    robin, one shuffle of the texts) into ``partitions``, by default the
    cluster's cores: a checked document costs far more than moving it."""
    spark = spark or SparkSession.getActiveSession()
    if spark is None:
        raise RuntimeError("no active SparkSession: call local_session() or pass spark=")
    # Only the columns the check reads are read.
    documents = spark.read.parquet(input_path).select("id", "zh", "en")
    wanted = partitions or spark.sparkContext.defaultParallelism
    if documents.rdd.getNumPartitions() < wanted:
        documents = documents.repartition(wanted)
    results = documents.mapInArrow(check_partition, clausealign.SPARK_DDL)
    results.write.parquet(output_path)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="Parquet file or folder with id, zh, en")
    parser.add_argument("output", help="new folder for the result Parquet files")
    parser.add_argument("--cores", type=int, default=2, help="cores of the local Spark (default: 2)")
    parser.add_argument("--batch-size", type=int, default=1000, help="documents per Arrow batch")
    parser.add_argument("--driver-memory", default="2g", help="memory of the driver JVM (default: 2g)")
    parser.add_argument(
        "--partitions", type=int, default=None, help="partitions to check (default: the cores)"
    )
    args = parser.parse_args(argv)
    spark = local_session(args.cores, batch_size=args.batch_size, driver_memory=args.driver_memory)
    try:
        check_table(args.input, args.output, spark=spark, partitions=args.partitions)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Check a Parquet table of bilingual policies with Ray Data and clausealign.

Copy this file and adapt the paths. Input: Parquet with the columns ``id``
(string or integer), ``zh`` (string) and ``en`` (string, nullable: a null
``en`` means ``zh`` holds both languages). Output: Parquet in
``clausealign.SCHEMA``, one row per input row; join it back on ``id``.

    pip install "ray[data]" pyarrow clausealign
    python examples/ray_job.py policies.parquet results/ --cpus 8

Each Ray task checks ``batch_size`` documents on one core (``threads=1``):
Ray owns the parallelism. A document that cannot be checked becomes a row
with ``status == "error"``; it never fails the job.
"""

from __future__ import annotations

import argparse
import sys

import clausealign
import ray


def check_table(
    input_path: str,
    output_path: str,
    *,
    batch_size: int = 64,
    concurrency: int | None = None,
) -> ray.data.Dataset:
    """Read ``input_path``, check every row, write the results to
    ``output_path`` (a folder of Parquet files). Ray must be initialised.
    Returns the executed Dataset: its ``stats()`` tell where the time went.

    ``batch_size`` documents make one Ray task. Aim for about a second of
    work per task (one core checks about 100 policies of 18 KB a second):
    64 suits policies; use about 1,000 for texts of a few hundred bytes,
    since every task also costs Ray some tens of milliseconds and writes
    one Parquet file."""
    # Ray Data's Parquet reader of Ray 2.60 (the "V2" one, its default) lists
    # files in a task of its own, reads footers in an actor (one more worker
    # process) and widens Arrow's thread pools to 32 CPU and 128 IO threads
    # in the worker that reads, for object stores such as S3. On local or
    # network disks that costs seconds of start-up and memory that grows
    # with the input and stays with that worker, which goes on to check
    # (docs/performance.md, "Python package"). The classic reader has none
    # of this; Ray versions without the setting ignore it.
    context = ray.data.DataContext.get_current()
    context.use_datasource_v2 = False
    # Ray Data reserves part of the CPUs for each operator of the pipeline;
    # the read and the repartition are idle almost all the time here, yet
    # their share kept the checks from using every CPU (on 2 CPUs, 1.35 of
    # 2 tasks in flight on average; 1.79 without the reservation).
    context.op_resource_reservation_enabled = False
    # Only the columns the check reads are read. A Parquet file is read by
    # one task, and a block is one task: cut the input into blocks of
    # `batch_size` rows (streaming, no shuffle) so that every CPU gets work.
    # `strict`: exactly that many rows a block (the reader's own blocks, of
    # any size, are re-cut), so that a task is one block of one batch.
    documents = ray.data.read_parquet(input_path, columns=["id", "zh", "en"]).repartition(
        target_num_rows_per_block=batch_size, strict=True
    )
    results = documents.map_batches(
        clausealign.check_arrow,
        batch_format="pyarrow",
        batch_size=batch_size,
        concurrency=concurrency,
    )
    results.write_parquet(output_path)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="Parquet file or folder with id, zh, en")
    parser.add_argument("output", help="folder for the result Parquet files")
    parser.add_argument("--cpus", type=int, default=None, help="CPUs of the local Ray (default: all)")
    parser.add_argument("--batch-size", type=int, default=64, help="documents per Ray task")
    args = parser.parse_args(argv)
    ray.init(num_cpus=args.cpus, include_dashboard=False)
    try:
        check_table(args.input, args.output, batch_size=args.batch_size)
    finally:
        ray.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())

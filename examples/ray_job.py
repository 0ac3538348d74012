"""Check a Parquet table of bilingual policies with Ray Data and clausealign.

Copy this file and adapt the paths. Input: Parquet with the columns ``id``
(string or integer), ``zh`` (string) and ``en`` (string, nullable: a null
``en`` means ``zh`` holds both languages). Output: Parquet in
``clausealign.SCHEMA``, one row per input row; join it back on ``id``.

    pip install "ray[data]" pyarrow clausealign
    python examples/ray_job.py policies.parquet results/ --cpus 8

Each Ray task checks one batch on one core (``threads=1``): Ray owns the
parallelism. A document that cannot be checked becomes a row with
``status == "error"``; it never fails the job.
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
) -> None:
    """Read ``input_path``, check every row, write the results to
    ``output_path`` (a folder of Parquet files). Ray must be initialised."""
    # Only the columns the check reads travel to the workers. A Parquet file
    # is read as one block, and one block is one task: cut it into blocks of
    # `batch_size` rows (streaming, no shuffle) so that every CPU gets work.
    documents = (
        ray.data.read_parquet(input_path)
        .select_columns(["id", "zh", "en"])
        .repartition(target_num_rows_per_block=batch_size)
    )
    results = documents.map_batches(
        clausealign.check_arrow,
        batch_format="pyarrow",
        batch_size=batch_size,
        concurrency=concurrency,
    )
    results.write_parquet(output_path)


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

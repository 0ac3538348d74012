"""Throughput and memory of the Python package (docs/performance.md,
"Python package"): the numbers issue 13 asks for, measured in one run.

1. `check_arrow` on one thread vs `clausealign batch -j 1` over the same
   documents (policies of about 13 KB: the seed data/examples/mhz-privacy.txt
   with a number changed and a paragraph dropped, each one different).
2. The Ray Data job of examples/ray_job.py on a local Ray with 1 and with 2
   CPUs over the same documents.
3. Peak RSS of each Ray worker process for a small and a large input
   (small generated documents, so that the large run stays short).

    python python/bench_throughput.py --docs 2000 --memory-docs 10000,100000

Needs the release binary (`cargo build --release`, or CLAUSEALIGN_BIN), the
package installed, pyarrow and ray[data].
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import clausealign
import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]


def policy_variants(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    base = (REPO / "data" / "examples" / "mhz-privacy.txt").read_text(encoding="utf-8")
    docs = []
    for _ in range(count):
        paragraphs = base.split("\n\n")
        del paragraphs[rng.randrange(1, len(paragraphs))]
        text = "\n\n".join(paragraphs)
        digits = [m.start() for m in re.finditer(r"[0-9]", text)]
        at = rng.choice(digits)
        docs.append(text[:at] + str((int(text[at]) + 1) % 10) + text[at + 1 :])
    return docs


def small_documents(count: int) -> pa.Table:
    """`count` short two-text documents from the rule fixtures."""
    pairs = []
    for zh in sorted((REPO / "tests" / "fixtures").glob("*/*.zh.txt")):
        en = zh.with_name(zh.name[: -len(".zh.txt")] + ".en.txt")
        if en.exists():
            pairs.append((zh.read_text(encoding="utf-8"), en.read_text(encoding="utf-8")))
    return pa.table(
        {
            "id": [f"d{i}" for i in range(count)],
            "zh": [pairs[i % len(pairs)][0] for i in range(count)],
            "en": [pairs[i % len(pairs)][1] for i in range(count)],
        }
    )


def cli_binary() -> str:
    target = os.environ.get("CARGO_TARGET_DIR", str(REPO / "target"))
    return os.environ.get("CLAUSEALIGN_BIN", str(Path(target) / "release" / "clausealign"))


def time_cli_batch(docs: list[str], folder: Path) -> float:
    manifest = folder / "manifest.csv"
    with manifest.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "path"])
        for i, text in enumerate(docs):
            (folder / f"p{i}.txt").write_text(text, encoding="utf-8")
            writer.writerow([f"p{i}", f"p{i}.txt"])
    started = time.perf_counter()
    done = subprocess.run(
        [cli_binary(), "batch", str(manifest), "-o", str(folder / "out"), "-j", "1"],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    return elapsed


def time_check_arrow(docs: list[str]) -> float:
    table = pa.table({"id": [f"p{i}" for i in range(len(docs))], "zh": docs, "en": pa.nulls(len(docs), pa.string())})
    started = time.perf_counter()
    out = clausealign.check_arrow(table, threads=1)
    elapsed = time.perf_counter() - started
    assert out.num_rows == len(docs)
    assert set(out.column("status").to_pylist()) == {"ok"}
    return elapsed


def load_job():
    spec = importlib.util.spec_from_file_location("ray_job", REPO / "examples" / "ray_job.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def worker_peak_rss_mib() -> list[float]:
    """VmHWM (peak resident memory) of every live Ray worker process."""
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            cmdline = (status.parent / "cmdline").read_bytes()
            if not (cmdline.startswith(b"ray::") or b"default_worker.py" in cmdline):
                continue
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        except OSError:
            continue
    return sorted(peaks, reverse=True)


def time_ray_job(parquet: Path, out: Path, cpus: int) -> tuple[float, list[float]]:
    import ray

    ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False)
    try:
        started = time.perf_counter()
        load_job().check_table(str(parquet), str(out), batch_size=64)
        elapsed = time.perf_counter() - started
        peaks = worker_peak_rss_mib()
    finally:
        ray.shutdown()
    return elapsed, peaks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--memory-docs", default="10000,100000")
    args = parser.parse_args()

    docs = policy_variants(args.docs)
    megabytes = sum(len(d.encode()) for d in docs) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cli = time_cli_batch(docs, tmp)
        arrow = time_check_arrow(docs)
        print(f"{len(docs)} documents, {megabytes:.1f} MB")
        print(f"batch -j 1:           {cli:6.2f} s  {len(docs) / cli:7.1f} docs/s")
        print(f"check_arrow threads=1: {arrow:6.2f} s  {len(docs) / arrow:7.1f} docs/s")
        print(f"check_arrow / batch throughput: {cli / arrow:.3f}")

        table = pa.table({"id": [f"p{i}" for i in range(len(docs))], "zh": docs, "en": pa.nulls(len(docs), pa.string())})
        pq.write_table(table, tmp / "policies.parquet")
        one, _ = time_ray_job(tmp / "policies.parquet", tmp / "ray1", 1)
        two, _ = time_ray_job(tmp / "policies.parquet", tmp / "ray2", 2)
        print(f"ray job, 1 CPU: {one:6.2f} s; 2 CPUs: {two:6.2f} s; speedup {one / two:.2f}x")

        for count in [int(n) for n in args.memory_docs.split(",") if n]:
            path = tmp / f"small-{count}.parquet"
            pq.write_table(small_documents(count), path, row_group_size=4096)
            elapsed, peaks = time_ray_job(path, tmp / f"mem-{count}", 2)
            rows = pq.read_table(tmp / f"mem-{count}", columns=["status"]).num_rows
            assert rows == count, (rows, count)
            print(
                f"ray job, 2 CPUs, {count} small documents: {elapsed:6.2f} s; "
                f"peak RSS per worker (MiB): {', '.join(f'{p:.0f}' for p in peaks[:4])}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

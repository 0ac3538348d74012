"""Throughput and memory of the Python package (docs/performance.md,
"Python package"): the numbers issue 13 asks for, measured in one run.

1. `check_arrow` on one thread vs `clausealign batch -j 1` over the same
   documents (policies of about 18 KB: the seed data/examples/mhz-privacy.txt
   with a number changed and a paragraph dropped, each one different), in
   wall time and in CPU time (user + system of the process doing the work,
   which other jobs on a busy machine disturb far less than wall time).
2. The Ray Data job of examples/ray_job.py on a local Ray with 1 and with 2
   CPUs over the same documents, alternately (1, 2, 1, 2, ...): the whole
   job, the map stage (check_arrow and the write, from `Dataset.stats()`)
   and the fixed part (Ray start, listing and reading the file).
3. Peak memory of each Ray worker process for a small and a large input
   (short generated documents, so that the large run stays short),
   sampled every 0.2 s from /proc: peak RSS (VmRSS, which counts the pages
   of Ray's shared object store the worker has touched) and peak private
   memory (RssAnon).

The 1-minute load average is printed with every number.

    python python/bench_throughput.py --docs 2000 --repeats 2 --memory-docs 10000,100000

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
import resource
import subprocess
import sys
import tempfile
import threading
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


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def wait_quiet(max_load: float, max_wait: float) -> None:
    """Before a measurement: wait (polling every 30 s, at most `max_wait`
    seconds) until the 1-minute load average is below `max_load`."""
    waited = 0.0
    while os.getloadavg()[0] > max_load and waited < max_wait:
        time.sleep(30)
        waited += 30
    if waited:
        print(f"(waited {waited:.0f} s for the load to fall below {max_load}; {load()})", flush=True)


def time_cli_batch(docs: list[str], folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `clausealign batch -j 1` over `docs`."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "manifest.csv"
    with manifest.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "path"])
        for i, text in enumerate(docs):
            (folder / f"p{i}.txt").write_text(text, encoding="utf-8")
            writer.writerow([f"p{i}", f"p{i}.txt"])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [cli_binary(), "batch", str(manifest), "-o", str(folder / "out"), "-j", "1"],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode == 0, done.stderr
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def policy_table(docs: list[str]) -> pa.Table:
    return pa.table({"id": [f"p{i}" for i in range(len(docs))], "zh": docs, "en": pa.nulls(len(docs), pa.string())})


def time_check_arrow(docs: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of `check_arrow(threads=1)` over `docs`."""
    table = policy_table(docs)
    cpu_started = time.process_time()
    started = time.perf_counter()
    out = clausealign.check_arrow(table, threads=1)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    assert out.num_rows == len(docs)
    assert set(out.column("status").to_pylist()) == {"ok"}
    return elapsed, cpu


def load_job():
    spec = importlib.util.spec_from_file_location("ray_job", REPO / "examples" / "ray_job.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class WorkerMemory(threading.Thread):
    """Samples every Ray worker process (`ray::...`) every 0.2 s: peak
    VmRSS and RssAnon (MiB) and the task names it showed."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.running = True
        self.peaks: dict[int, list[float]] = {}
        self.tasks: dict[int, set[str]] = {}

    def run(self) -> None:
        while self.running:
            for status in Path("/proc").glob("[0-9]*/status"):
                try:
                    cmdline = (status.parent / "cmdline").read_bytes()
                    if not cmdline.startswith(b"ray::"):
                        continue
                    fields = dict(
                        line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
                    )
                except OSError:
                    continue
                pid = int(status.parent.name)
                rss = int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
                anon = int(fields.get("RssAnon", "0 kB").split()[0]) / 1024
                peak = self.peaks.setdefault(pid, [0.0, 0.0])
                peak[0], peak[1] = max(peak[0], rss), max(peak[1], anon)
                name = cmdline.split(b"\0")[0].decode(errors="replace")[len("ray::") :]
                self.tasks.setdefault(pid, set()).add(name)
            time.sleep(0.2)

    def stop(self) -> None:
        self.running = False
        self.join()

    def workers(self) -> list[tuple[float, float, set[str]]]:
        """(peak RSS, peak RssAnon, tasks) of each process that ran a task of
        the job (not Ray's own actors), largest RSS first."""
        rows = []
        for pid, (rss, anon) in self.peaks.items():
            tasks = self.tasks[pid] - {"IDLE"}
            if any(t.startswith("_") or t in ("RuntimeEnvAgent", "DashboardAgent") for t in tasks):
                continue
            if tasks:
                rows.append((rss, anon, tasks))
        return sorted(rows, key=lambda r: -r[0])


STAGE = re.compile(r"^Operator \d+ (.+?): (\d+) tasks executed, \d+ blocks produced in ([0-9.]+)s", re.M)


TOTAL = re.compile(r"^\* Remote (wall|cpu) time: .*?([0-9.]+)(us|ms|s) total$", re.M)
UNIT = {"us": 1e-6, "ms": 1e-3, "s": 1.0}


def stage_times(stats: str) -> dict[str, tuple[int, float, float, float]]:
    """Per operator of `Dataset.stats()`: (tasks, wall seconds of the stage,
    wall and CPU seconds of its tasks added up)."""
    stages = {}
    matches = list(STAGE.finditer(stats))
    for i, m in enumerate(matches):
        section = stats[m.end() : matches[i + 1].start() if i + 1 < len(matches) else len(stats)]
        totals = {t.group(1): float(t.group(2)) * UNIT[t.group(3)] for t in TOTAL.finditer(section)}
        stages[m.group(1)] = (int(m.group(2)), float(m.group(3)), totals.get("wall", 0.0), totals.get("cpu", 0.0))
    return stages


def machine_busy_seconds() -> float:
    """CPU seconds all cores have been busy since boot (/proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def ray_cpu_seconds() -> dict[int, float]:
    """CPU seconds of every process of this job's Ray (its workers, raylet,
    GCS, agents) and of this driver, by pid."""
    tick = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid = int(stat.parent.name)
            cmdline = (stat.parent / "cmdline").read_bytes()
            if pid != os.getpid() and not (cmdline.startswith(b"ray::") or b"/ray/" in cmdline):
                continue
            raw = stat.read_text()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2 :].split()
        seconds[pid] = (int(fields[11]) + int(fields[12])) / tick
    return seconds


def run_ray_job(parquet: Path, out: Path, cpus: int, batch_size: int) -> dict:
    import ray

    job = load_job()
    memory = WorkerMemory()
    memory.start()
    started = time.perf_counter()
    ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False)
    try:
        initialised = time.perf_counter()
        busy_before, ray_before = machine_busy_seconds(), ray_cpu_seconds()
        dataset = job.check_table(str(parquet), str(out), batch_size=batch_size)
        finished = time.perf_counter()
        busy_after, ray_after = machine_busy_seconds(), ray_cpu_seconds()
        stages = stage_times(dataset.stats())
    finally:
        ray.shutdown()
        memory.stop()
    mapped = [v for k, v in stages.items() if k.startswith("MapBatches(check_arrow)")]
    return {
        "init": initialised - started,
        "job": finished - initialised,
        "map": mapped[0][1] if mapped else float("nan"),
        "tasks": mapped[0][0] if mapped else 0,
        # Parallelism of the map stage (task time / stage time) and the
        # share of a core its tasks got (CPU / task time: below 1 when other
        # processes took the cores).
        "parallel": mapped[0][2] / mapped[0][1] if mapped else float("nan"),
        "core_share": mapped[0][3] / mapped[0][2] if mapped and mapped[0][2] else float("nan"),
        "read": sum(v[1] for k, v in stages.items() if k.startswith(("ListFiles", "ReadFiles", "ReadParquet"))),
        "workers": memory.workers(),
        "load": os.getloadavg()[0],
        # Cores in use during the job (not counting Ray start): by this job's
        # Ray processes, and by everything else on the machine.
        "ray_cores": sum(ray_after[p] - ray_before.get(p, 0.0) for p in ray_after) / (finished - initialised),
        "other_cores": (busy_after - busy_before) / (finished - initialised)
        - sum(ray_after[p] - ray_before.get(p, 0.0) for p in ray_after) / (finished - initialised),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=2, help="runs of each measurement, alternating")
    parser.add_argument("--batch-size", type=int, default=64, help="documents per Ray task (policies)")
    parser.add_argument("--memory-docs", default="10000,100000")
    parser.add_argument("--memory-batch-size", type=int, default=1024, help="documents per Ray task (short texts)")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: cli, ray, memory")
    parser.add_argument("--max-load", type=float, default=1.5, help="wait for a lower 1-minute load before each measurement")
    parser.add_argument("--max-wait", type=float, default=0, help="seconds to wait at most for it (default: no waiting)")
    args = parser.parse_args()
    skip = set(args.skip.split(","))

    docs = policy_variants(args.docs)
    megabytes = sum(len(d.encode()) for d in docs) / 1e6
    print(f"{len(docs)} policies, {megabytes:.1f} MB", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for run in range(args.repeats if "cli" not in skip else 0):
            wait_quiet(args.max_load, args.max_wait)
            cli_wall, cli_cpu = time_cli_batch(docs, tmp / f"cli{run}")
            cli_load = load()
            arrow_wall, arrow_cpu = time_check_arrow(docs)
            print(
                f"run {run + 1}: batch -j 1 {cli_wall:6.2f} s wall {cli_cpu:6.2f} s CPU ({cli_load}); "
                f"check_arrow threads=1 {arrow_wall:6.2f} s wall {arrow_cpu:6.2f} s CPU ({load()}); "
                f"throughput ratio check_arrow/batch: wall {cli_wall / arrow_wall:.3f}, CPU {cli_cpu / arrow_cpu:.3f}",
                flush=True,
            )

        parquet = tmp / "policies.parquet"
        pq.write_table(policy_table(docs), parquet)
        results: dict[int, list[dict]] = {1: [], 2: []}
        for run in range(args.repeats if "ray" not in skip else 0):
            for cpus in (1, 2):
                wait_quiet(args.max_load, args.max_wait)
                r = run_ray_job(parquet, tmp / f"ray{cpus}-{run}", cpus, args.batch_size)
                results[cpus].append(r)
                print(
                    f"ray job, {cpus} CPU: init {r['init']:5.2f} s, job {r['job']:6.2f} s, "
                    f"map stage {r['map']:6.2f} s ({r['tasks']} tasks, parallelism {r['parallel']:.2f}, "
                    f"tasks' CPU / wall {r['core_share']:.2f}), list+read {r['read']:4.2f} s, "
                    f"fixed (init + job - map) {r['init'] + r['job'] - r['map']:5.2f} s; "
                    f"cores used by Ray {r['ray_cores']:.2f}, by other processes {r['other_cores']:.2f} (load {r['load']:.2f})",
                    flush=True,
                )
            one, two = results[1][-1], results[2][-1]
            print(
                f"  2 CPUs vs 1: whole job {one['job'] / two['job']:.2f}x "
                f"(with Ray start {(one['init'] + one['job']) / (two['init'] + two['job']):.2f}x), "
                f"map stage {one['map'] / two['map']:.2f}x",
                flush=True,
            )

        for count in [int(n) for n in args.memory_docs.split(",") if n and "memory" not in skip]:
            path = tmp / f"small-{count}.parquet"
            pq.write_table(small_documents(count), path, row_group_size=4096)
            wait_quiet(args.max_load, args.max_wait)
            r = run_ray_job(path, tmp / f"mem-{count}", 2, args.memory_batch_size)
            rows = pq.read_table(tmp / f"mem-{count}", columns=["status"]).num_rows
            assert rows == count, (rows, count)
            print(
                f"ray job, 2 CPUs, {count} short documents, {args.memory_batch_size} per task: "
                f"job {r['job']:6.2f} s, map stage {r['map']:6.2f} s ({r['tasks']} tasks) (load {r['load']:.2f})",
                flush=True,
            )
            for rss, anon, tasks in r["workers"]:
                role = "reads and checks" if any(t.startswith(("ReadFiles", "ListFiles", "ReadParquet")) for t in tasks) else "checks"
                print(f"  worker ({role}): peak RSS {rss:5.0f} MiB, peak private (RssAnon) {anon:5.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

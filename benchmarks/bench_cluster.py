"""``grade --cluster`` against ``--jobs`` at the same parallelism, on the same class, in one run.

For each worker count N (default 1, 2 and 4) a loopback Dask cluster with N one-thread worker
processes is started (``distributed.LocalCluster``, as ``toolkit_tests/test_cluster.py`` does), and
the class is graded ``--runs`` times with ``--cluster`` and with ``--jobs N``, alternately, results
cache off and the training cache emptied before each grading; the script prints each median wall
time and the ratio cluster / jobs. The class is
bench_scale's: distinct a01-a05 submissions, one in ten a student fault; ``--a06 K`` adds K distinct
a06 models (each trained by the grader: minutes each on two cores).

    python benchmarks/bench_cluster.py [--size 100] [--workers 1 2 4] [--runs 3] [--a06 0]
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "toolkit_tests"))

from bench_scale import make_mixed_class  # noqa: E402

SCHEDULER = """
import sys, time
if __name__ == "__main__":
    import dask
    dask.config.set({"distributed.scheduler.allowed-failures": 0})
    from distributed import LocalCluster
    cluster = LocalCluster(n_workers=int(sys.argv[1]), threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None)
    print(cluster.scheduler_address, flush=True)
    time.sleep(86400)
"""


def env(work: Path) -> dict[str, str]:
    """The grader's and the workers' environment: the run's own training cache (``XDG_CACHE_HOME``),
    emptied before each timed grading, so every a06 model trains in every run instead of being
    recalled from the one before."""
    return {**os.environ, "TMPDIR": str(work), "XDG_CACHE_HOME": str(work / "cache")}


def grade(klass: Path, only: list[str], extra: list[str], work: Path) -> float:
    args = [arg for aid in only for arg in ("-a", aid)]
    shutil.rmtree(work / "cache", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "grader", str(klass), *args, *extra, "--no-cache", "--format", "csv",
                    "-o", str(work / "grades.csv"), "--no-plots"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=env(work))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100, help="a01-a05 submissions")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--a06", type=int, default=0, help="distinct a06 models added (each trained)")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; class: {args.size} a01-a05 submissions, {args.a06} a06 models",
          flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        only, klass = make_mixed_class(work, args.size, args.a06), work / "class"
        script = work / "scheduler.py"
        script.write_text(SCHEDULER, encoding="utf-8")
        for n in args.workers:
            proc = subprocess.Popen([sys.executable, str(script), str(n)], stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, text=True, start_new_session=True, cwd=work,
                                    env=env(work))
            try:
                assert proc.stdout is not None
                address = proc.stdout.readline().strip()
                grade(klass, ["a01_perceptron"], ["--cluster", address], work)  # workers warm, as a TA's would be
                times: dict[str, list[float]] = {"cluster": [], "jobs": []}
                for _ in range(args.runs):
                    times["cluster"].append(grade(klass, only, ["--cluster", address], work))
                    times["jobs"].append(grade(klass, only, ["--jobs", str(n)], work))
            finally:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            cluster, jobs = statistics.median(times["cluster"]), statistics.median(times["jobs"])
            print(f"{n} worker(s): --cluster {cluster:7.1f} s  --jobs {n} {jobs:7.1f} s  cluster/jobs "
                  f"{cluster / jobs:.2f}x  (medians of {args.runs}; all: {times})", flush=True)


if __name__ == "__main__":
    main()

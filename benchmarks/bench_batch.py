"""Benchmark: whole-class throughput. Prints figures; asserts nothing (not a test).

Generates a class of N submissions of a01-a05 (the reference and the corpus's
wrong submissions, in turn), then grades the class folder with the CLI twice
in one run, ``--jobs 1`` and ``--jobs 2`` (no cache), and prints both times,
the per-submission rate, the CPU used and the speed-up from the second core, over
a few rounds in alternating order (the median is the figure to quote: a shared
machine's speed drifts by more than the effect measured).

    python benchmarks/bench_batch.py [--students 50] [--rounds 3]
"""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "toolkit_tests"))

from corpus import build, entries  # noqa: E402

ASSIGNMENTS = ["a01_perceptron", "a02_activations", "a03_losses", "a04_gradient", "a05_backprop"]


def _children_cpu() -> float:
    """CPU seconds of finished child processes (the grader and everything it started and reaped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def make_class(root: Path, n: int) -> None:
    # a01-a05 only, as the target says; the Keras lab has its own benchmark (bench_a06.py).
    wrong = [e for e in entries("wrong") if set(e.spec.get("expect", {})) <= set(ASSIGNMENTS)]
    for i in range(n):
        dest = root / f"student{i:03d}"
        if i % 2 == 0:
            for aid in ASSIGNMENTS:
                shutil.copytree(ROOT / "reference" / aid, dest / aid, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            built = build(wrong[i % len(wrong)], Path(tempfile.mkdtemp()), {"ROOT": ROOT})
            shutil.copytree(built, dest)


def grade_class(klass: Path, jobs: int, out: Path) -> tuple[float, float]:
    """Grade the class once; (wall seconds, CPU seconds of the grader and all it started)."""
    start, used = time.perf_counter(), _children_cpu()
    only = [arg for aid in ASSIGNMENTS for arg in ("-a", aid)]
    r = subprocess.run([sys.executable, "-m", "grader", str(klass), *only, "--jobs", str(jobs), "--no-cache",
                        "--format", "csv", "-o", str(out)], cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(r.stderr[-2000:])
    return time.perf_counter() - start, _children_cpu() - used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3,
                        help="pairs of runs; the order alternates (1,2 then 2,1) so a drift in the machine's "
                             "speed does not favour either")
    args = parser.parse_args()
    n = args.students
    print(f"class of {n} submissions (a01-a05; half reference, half typical mistakes)")
    ratios: list[float] = []
    busy: dict[int, list[float]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as tmp:
        klass = Path(tmp) / "class"
        klass.mkdir()
        make_class(klass, n)
        gradebooks = set()
        for r in range(args.rounds):
            times: dict[int, float] = {}
            for jobs in ((1, 2) if r % 2 == 0 else (2, 1)):
                out = Path(tmp) / f"grades{jobs}.csv"
                times[jobs], cpu = grade_class(klass, jobs, out)
                gradebooks.add(out.read_text())
                busy[jobs].append(cpu / times[jobs])
                print(f"round {r + 1} --jobs {jobs}: {times[jobs]:6.1f} s   {n / times[jobs]:5.2f} submissions/s   "
                      f"CPU {cpu:6.1f} s ({cpu / n:.2f} s per submission, {cpu / times[jobs]:.2f} cores busy)")
            ratios.append(times[1] / times[2])
            print(f"round {r + 1} speed-up from the second core: {ratios[-1]:.2f}x")
    print(f"speed-up from the second core: median {statistics.median(ratios):.2f}x "
          f"(rounds: {', '.join(f'{x:.2f}' for x in ratios)})")
    # --jobs 1 already keeps more than one core busy (a submission's sandbox starts while its
    # oracle collects; a05's training runs beside its other tests): the second core has less to add.
    print(f"cores busy (median): --jobs 1 {statistics.median(busy[1]):.2f}, --jobs 2 {statistics.median(busy[2]):.2f}")
    print(f"identical gradebooks in every run: {len(gradebooks) == 1}")


if __name__ == "__main__":
    main()

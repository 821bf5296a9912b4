"""Benchmark: whole-class throughput. Prints figures; asserts nothing (not a test).

Generates a class of N submissions of a01-a05 (the reference and the corpus's
wrong submissions, in turn), then grades the class folder with the CLI twice
in one run, ``--jobs 1`` and ``--jobs 2`` (no cache), and prints both times,
the per-submission rate and the speed-up from the second core.

    python benchmarks/bench_batch.py [--students 50]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "toolkit_tests"))

from corpus import build, entries  # noqa: E402


ASSIGNMENTS = ["a01_perceptron", "a02_activations", "a03_losses", "a04_gradient", "a05_backprop"]


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        klass = Path(tmp) / "class"
        klass.mkdir()
        make_class(klass, args.students)
        times = {}
        for jobs in (1, 2):
            start = time.perf_counter()
            only = [arg for aid in ASSIGNMENTS for arg in ("-a", aid)]
            r = subprocess.run([sys.executable, "-m", "grader", str(klass), *only, "--jobs", str(jobs), "--no-cache",
                                "--format", "csv", "-o", str(Path(tmp) / f"grades{jobs}.csv")],
                               cwd=ROOT, capture_output=True, text=True)
            times[jobs] = time.perf_counter() - start
            if r.returncode != 0:
                sys.exit(r.stderr[-2000:])
        same = (Path(tmp) / "grades1.csv").read_text() == (Path(tmp) / "grades2.csv").read_text()
    n = args.students
    print(f"class of {n} submissions (a01-a05; half reference, half typical mistakes)")
    for jobs, t in times.items():
        print(f"--jobs {jobs}: {t:6.1f} s   {n / t:5.2f} submissions/s")
    print(f"speed-up from the second core: {times[1] / times[2]:.2f}x   identical gradebooks: {same}")


if __name__ == "__main__":
    main()

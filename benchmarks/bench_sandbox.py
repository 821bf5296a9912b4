"""Benchmark: what the sandbox costs. Prints figures; asserts nothing (not a test).

For one submission (the reference solutions) it times, in the same run:

* ``grade``: the whole CLI (config, copy, oracle process, one sandboxed worker
  per assignment, scoring, report), as a TA runs it;
* baseline: the same hidden suites run by plain pytest in one process with the
  target's modules imported directly (``--grader-inprocess``: the backend in
  ``inprocess.py``), the cheapest possible way to run them, with no isolation at all.

Each is a fresh process (interpreter start included in both), repeated; the
median and the ratio grade / baseline are printed.

    python benchmarks/bench_sandbox.py [--runs 7] [--assignment a01_perceptron ...]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"command failed ({r.returncode}): {' '.join(cmd)}\n{r.stdout[-2000:]}{r.stderr[-2000:]}")
    return elapsed


def main() -> None:
    import yaml

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--assignment", action="append")
    args = parser.parse_args()
    config = yaml.safe_load((ROOT / "grading.yml").read_text(encoding="utf-8"))
    # The Keras lab has its own benchmark (bench_a06.py): its training is not the sandbox's cost.
    ids = args.assignment or [aid for aid, a in config["assignments"].items() if not a.get("training")]
    out = Path(tempfile.mkdtemp()) / "grades.json"  # -o writes atomically beside the file: not /dev/null
    grade = [sys.executable, "-m", "grader", "reference", "--format", "json", "-o", str(out), "--no-cache"]
    for aid in ids:
        grade += ["--assignment", aid]
    baseline = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--grader-inprocess",
                *[f"tests/{aid}" for aid in ids]]
    _time(grade), _time(baseline)  # warm the page cache
    g, b = [], []
    for _ in range(args.runs):  # interleaved, so machine noise hits both alike
        g.append(_time(grade))
        b.append(_time(baseline))
    gm, bm = statistics.median(g), statistics.median(b)
    print(f"assignments: {', '.join(ids)}   runs: {args.runs}")
    print(f"grade (sandboxed, whole CLI)     median {gm:6.3f} s   min {min(g):6.3f} s")
    print(f"plain pytest, in-process         median {bm:6.3f} s   min {min(b):6.3f} s")
    print(f"ratio grade / plain pytest       {gm / bm:6.2f}x")


if __name__ == "__main__":
    main()

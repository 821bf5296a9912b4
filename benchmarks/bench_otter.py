"""Benchmark: ``grade`` against ``otter run`` on the same hidden suites. Prints figures; asserts nothing.

Otter-Grader (https://otter-grader.readthedocs.io) is the grader most data-science courses use; its
``otter run`` grades one submission without a container. To compare like with like, the otter side
runs *this course's own hidden suites*: each assignment is one of Otter's exception-based test files
whose test case runs the assignment's pytest suite in Otter's kernel, in-process, against the
submission's modules (``--grader-inprocess``, the backend in ``inprocess.py``, no sandbox at all).
So both sides run the same tests; Otter adds its kernel and its bookkeeping, ``grade`` its sandbox,
oracle and report. A test file is worth a point per assignment and passes only when every test of
its suites passes; the benchmark checks that both sides gave the target full marks on every run.
Otter is run with a test file per assignment (as a course would port the suites: a question each)
and with one test file for all five (one pytest session: Otter's cheapest run).

Two measurements, each a fresh process per command, the graders interleaved after a warm-up:

* one submission: ``grade TARGET`` (the whole CLI, a cold oracle) against ``otter run``;
* a class of ``--class-size`` distinct copies of the target, one job: ``grade CLASS --jobs 1``
  (warm oracle) against ``otter run`` once per submission with the one-file layout (Otter grades
  classes with Docker; without it, a TA loops ``otter run``), per submission.

Needs Otter in the same environment as the grader (a benchmark's dependency, not the toolkit's):

    pip install otter-grader ipykernel
    python benchmarks/bench_otter.py [--runs 5] [--class-size 10] [--target reference]
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENTS = ["a01_perceptron", "a02_activations", "a03_losses", "a04_gradient", "a05_backprop"]

# An Otter test file whose one test case runs hidden suites with pytest in Otter's kernel; the
# submission's folders are the kernel's working directory (Otter's ``submission/``). A course would
# write one per assignment (a question, its points); the single file for all suites is Otter's
# cheapest possible run (one pytest session), measured too so the comparison is not Otter's worst.
TEST_FILE = '''\
OK_FORMAT = False

from otter.test_files import test_case

name = {name!r}
points = {points}


@test_case(points={points})
def hidden_suite(env):
    import os

    import pytest

    root = {root!r}
    suites = [os.path.join(root, "tests", aid) for aid in {ids!r}]
    code = pytest.main(["-q", "-p", "grader.oracle.plugin", "-p", "no:cacheprovider", "--import-mode=importlib",
                        "--rootdir", root, "-c", os.path.join(root, "pyproject.toml"), "--grader-inprocess",
                        "--grader-root", root, "--grader-target", os.getcwd(), *suites])
    assert code == 0, f"pytest exit status {{code}}"
'''


def _run(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"command failed ({r.returncode}): {' '.join(cmd)}\n{r.stdout[-2000:]}{r.stderr[-2000:]}")
    return elapsed


def _otter_executable() -> str:
    beside = Path(sys.executable).with_name("otter")
    found = str(beside) if beside.exists() else shutil.which("otter")
    if not found:
        sys.exit("otter not found: pip install otter-grader ipykernel (in the grader's environment)")
    return found


def _copy_submission(target: Path, dest: Path, ids: list[str], mark: str) -> None:
    for aid in ids:
        shutil.copytree(target / aid, dest / aid, ignore=shutil.ignore_patterns("__pycache__"))
    first = sorted(dest.rglob("*.py"))[0]  # every copy distinct, as a class's submissions are
    first.write_text(first.read_text(encoding="utf-8") + f"\n# {mark}\n", encoding="utf-8")


def _zip(folder: Path, dest: Path) -> None:
    """Otter's submission: a zip holding one script (which it executes) and the assignment folders."""
    (folder / "submission.py").write_text('"""The modules sit in the folders beside this script."""\n',
                                          encoding="utf-8")
    with zipfile.ZipFile(dest, "w") as z:
        for f in sorted(folder.rglob("*")):
            if f.is_file():
                z.write(f, f.relative_to(folder))


def _otter_full(results: Path, points: int) -> bool:
    """Every point given: one per assignment (the "Public Tests" summary row has no score)."""
    tests = json.loads(results.read_text(encoding="utf-8"))["tests"]
    return sum(t.get("score") or 0 for t in tests) == points


def _grade_full(out: Path) -> bool:
    data = json.loads(out.read_text(encoding="utf-8"))
    rows = data if isinstance(data, list) else data.get("submissions", [data])
    return bool(rows) and all(r["score"] == r["max_score"] for r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--class-size", type=int, default=10, help="0: skip the class measurement")
    parser.add_argument("--target", type=Path, default=ROOT / "reference",
                        help="a submission that scores full marks (default: reference/)")
    parser.add_argument("--assignment", action="append", help=f"default: {' '.join(ASSIGNMENTS)}")
    args = parser.parse_args()
    ids = args.assignment or ASSIGNMENTS
    otter = _otter_executable()
    work = Path(tempfile.mkdtemp(prefix="bench_otter_"))
    try:
        layouts = {"per_assignment": {aid: [aid] for aid in ids}, "single": {"all_suites": ids}}
        autograders = {}
        for layout, files in layouts.items():
            tests = work / layout / "tests"
            tests.mkdir(parents=True)
            for name, suites in files.items():
                (tests / f"{name}.py").write_text(
                    TEST_FILE.format(name=name, points=len(suites), ids=suites, root=str(ROOT)), encoding="utf-8")
            autograders[layout] = work / layout / "autograder.zip"
            _run([otter, "generate", "-t", str(tests), "-o", str(autograders[layout]), "--no-config",
                  "--no-requirements", "--no-environment"], work / layout)

        # Class folder of distinct copies; copy 0 is also the single submission.
        klass = work / "class"
        zips = []
        for i in range(max(args.class_size, 1)):
            dest = klass / f"student{i:03d}"
            _copy_submission(args.target.resolve(), dest, ids, f"student {i}")
            staged = work / "otter_sub" / dest.name
            shutil.copytree(dest, staged)
            zips.append(work / f"{dest.name}.zip")
            _zip(staged, zips[-1])
        one = klass / "student000"

        out = work / "out"
        out.mkdir()
        selectors = [arg for aid in ids for arg in ("--assignment", aid)]
        grade_one = [sys.executable, "-m", "grader", str(one), "--format", "json", "-o", str(out / "one.json"),
                     "--no-cache", *selectors]
        grade_class = [sys.executable, "-m", "grader", str(klass), "--format", "json", "-o",
                       str(out / "class.json"), "--no-cache", "--jobs", "1", *selectors]

        def otter_run(z: Path, layout: str = "per_assignment") -> float:
            seconds = _run([otter, "run", "-a", str(autograders[layout]), "-o", str(out), "--no-logo", str(z)], work)
            if not _otter_full(out / "results.json", len(ids)):
                sys.exit(f"otter run did not give {z.name} full marks: {(out / 'results.json').read_text()[:2000]}")
            return seconds

        def grade(cmd: list[str], result: Path) -> float:
            seconds = _run(cmd, ROOT)
            if not _grade_full(result):
                sys.exit(f"grade did not give full marks: {result.read_text()[:2000]}")
            return seconds

        grade(grade_one, out / "one.json"), otter_run(zips[0]), otter_run(zips[0], "single")  # warm caches
        g, o, s = [], [], []
        for _ in range(args.runs):
            g.append(grade(grade_one, out / "one.json"))
            o.append(otter_run(zips[0]))
            s.append(otter_run(zips[0], "single"))
        gm, om, sm = statistics.median(g), statistics.median(o), statistics.median(s)
        print(f"assignments: {', '.join(ids)}   target: {args.target}   runs: {args.runs}")
        print("one submission, whole command")
        print(f"  grade (sandboxed, cold oracle)          median {gm:6.3f} s   min {min(g):6.3f} s")
        print(f"  otter run, a test file per assignment   median {om:6.3f} s   min {min(o):6.3f} s")
        print(f"  otter run, one test file for all        median {sm:6.3f} s   min {min(s):6.3f} s")
        print(f"  otter / grade                           {om / gm:6.2f}x (per assignment), {sm / gm:.2f}x (one file)")
        if args.class_size:
            n = args.class_size
            gc, oc = [], []
            for _ in range(args.runs):
                gc.append(grade(grade_class, out / "class.json") / n)
                oc.append(sum(otter_run(z, "single") for z in zips) / n)
            gcm, ocm = statistics.median(gc), statistics.median(oc)
            print(f"class of {n}, one job, per submission")
            print(f"  grade --jobs 1 (warm oracle)            median {gcm:6.3f} s   min {min(gc):6.3f} s")
            print(f"  otter run per submission, one file      median {ocm:6.3f} s   min {min(oc):6.3f} s")
            print(f"  otter / grade                           {ocm / gcm:6.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

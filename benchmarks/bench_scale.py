"""Benchmark: does grading stay flat as the class grows? Prints figures; asserts nothing (not a test).

Classes of distinct a01-a05 submissions (every submission differs, so no two share a cached
result): the reference, the corpus's typical mistakes, and one in ten a student fault (a syntax
error, an infinite loop at import, a 40 GiB allocation, ``os._exit`` at import). Each class is
graded with the CLI at ``--jobs 1`` and ``--jobs 2`` into a fresh results cache, and for each
run the script prints

* seconds per submission (wall) and CPU seconds per submission (the grader and all it started);
* peak resident memory of the ``grade`` process itself and of the whole run (the sum over
  ``grade`` and every process under it: oracles, sandboxes, trainers), sampled every 0.2 s;
* disk: the results cache after the run, and the peak of the temporary files (the grader's
  scratch folders and the sandbox's copies), sampled likewise.

Then 20 distinct a06 models (the lab's model, each with layer names of its own, so the training
cache cannot share a result), each trained by the grader, at ``--jobs 1`` and ``--jobs 2``.

Each a01-a05 class is graded twice, with the warm oracles ``grade`` uses for a class and with
``--cold-oracles`` (a new oracle process per submission, the grader before them), and the ratio
of the two is printed.

    python benchmarks/bench_scale.py [--sizes 100 300 1000] [--jobs 1 2] [--a06 20] [--oracles warm cold]
    python benchmarks/bench_scale.py --sizes --a06 50 --jobs 1 2 4 8    # on a GPU: k trainers share it
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "toolkit_tests"))

from corpus import build, entries  # noqa: E402
from grader.kits.keras.client import resident_mb as _rss_mib  # noqa: E402

ASSIGNMENTS = ["a01_perceptron", "a02_activations", "a03_losses", "a04_gradient", "a05_backprop"]
FAULTS = ["broken/syntax_error", "hostile/loop_at_import", "hostile/memory_bomb", "hostile/os_exit_at_import"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def make_class(root: Path, n: int) -> None:
    """``n`` distinct submissions: one in ten a fault, the rest alternately the reference and a mistake.
    Corpus entries are built in a folder beside ``root`` and removed, so the benchmark leaves nothing
    in /tmp (the first full run left one folder per built entry there, 700 for three classes)."""
    by_id = {e.id: e for e in entries()}
    wrong = [e for e in entries("wrong") if set(e.spec.get("expect", {})) <= set(ASSIGNMENTS)]
    for i in range(n):
        dest = root / f"student{i:04d}"
        if i % 10 == 9:
            entry = by_id[FAULTS[(i // 10) % len(FAULTS)]]
        elif i % 2 == 0:
            entry = None
        else:
            entry = wrong[i % len(wrong)]
        if entry is None:
            for aid in ASSIGNMENTS:
                shutil.copytree(ROOT / "reference" / aid, dest / aid, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            scratch = Path(tempfile.mkdtemp(dir=root.parent))
            built = build(entry, scratch, {"ROOT": ROOT})
            shutil.copytree(built, dest)
            shutil.rmtree(scratch)
        for f in sorted(dest.rglob("*.py"))[:1]:  # every submission distinct (no shared cache entry)
            f.write_text(f.read_text(encoding="utf-8", errors="replace") + f"\n# student {i}\n", encoding="utf-8")


def make_a06_class(root: Path, n: int) -> None:
    source = (ROOT / "reference" / "a06_fashion_mnist" / "fashion_mnist_lab.py").read_text(encoding="utf-8")
    for i in range(n):
        lab = root / f"student{i:04d}" / "a06_fashion_mnist"
        lab.mkdir(parents=True)
        text = source.replace('keras.layers.Dense(128, activation="relu")',
                              f'keras.layers.Dense(128, activation="relu", name="hidden_{i}")')
        (lab / "fashion_mnist_lab.py").write_text(text, encoding="utf-8")


def make_mixed_class(root: Path, size: int, a06: int) -> list[str]:
    """``root/class`` of ``size`` a01-a05 submissions and ``a06`` distinct a06 models (their
    folders shared); the assignments to grade it with."""
    (root / "class").mkdir()
    make_class(root / "class", size)
    if not a06:
        return list(ASSIGNMENTS)
    make_a06_class(root / "class", a06)
    return [*ASSIGNMENTS, "a06_fashion_mnist"]


def _tree(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[-1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += parents.get(p, [])
    return out


def _du_mib(paths: list[Path]) -> float:
    total = 0
    for top in paths:
        for dirpath, _, files in os.walk(top):
            for name in files:
                try:
                    total += os.lstat(os.path.join(dirpath, name)).st_blocks * 512
                except OSError:
                    pass
    return total / 2**20


class Sampler:
    """Peak memory of ``grade`` and of its whole process tree, and peak temporary disk, every 0.2 s."""

    def __init__(self, pid: int, tmp: Path) -> None:
        self.pid, self.tmp = pid, tmp
        self.grade_mib = self.tree_mib = self.temp_mib = 0.0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.wait(0.2):
            self.grade_mib = max(self.grade_mib, _rss_mib(self.pid))
            self.tree_mib = max(self.tree_mib, sum(_rss_mib(p) for p in _tree(self.pid)))
            scratch = [p for p in self.tmp.glob("dlgrader-*") if p.is_dir()]
            self.temp_mib = max(self.temp_mib, _du_mib(scratch))

    def close(self) -> None:
        self.stop.set()
        self.thread.join()


def grade(klass: Path, jobs: int, only: list[str], work: Path, oracles: str = "warm") -> dict:
    cache = work / f"cache-{klass.name}-{jobs}-{oracles}"
    env = {**os.environ, "XDG_CACHE_HOME": str(work / f"xdg-{klass.name}-{jobs}-{oracles}")}
    args = [arg for aid in only for arg in ("-a", aid)] + (["--cold-oracles"] if oracles == "cold" else [])
    start, used = time.perf_counter(), _children_cpu()
    proc = subprocess.Popen([sys.executable, "-m", "grader", str(klass), *args, "--jobs", str(jobs),
                             "--cache-dir", str(cache), "--format", "csv", "-o", str(work / "grades.csv"),
                             "--no-plots"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    sampler = Sampler(proc.pid, Path(tempfile.gettempdir()))
    _, err = proc.communicate()
    sampler.close()
    wall, cpu = time.perf_counter() - start, _children_cpu() - used
    if proc.returncode != 0:
        sys.exit(err[-2000:])
    return {"wall": wall, "cpu": cpu, "grade_mib": sampler.grade_mib, "tree_mib": sampler.tree_mib,
            "temp_mib": sampler.temp_mib, "cache_mib": _du_mib([cache]), "summary": err.strip().splitlines()[-1]}


def report(label: str, n: int, jobs: int, r: dict) -> None:
    print(f"{label:>15} n={n:<5} --jobs {jobs}: {r['wall'] / n:6.3f} s/submission  CPU {r['cpu'] / n:5.2f} "
          "s/submission  "
          f"total {r['wall']:7.1f} s  peak grade {r['grade_mib']:6.0f} MiB  peak run {r['tree_mib']:6.0f} MiB  "
          f"cache {r['cache_mib']:6.1f} MiB  temp peak {r['temp_mib']:6.1f} MiB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 300, 1000],
                        help="a01-a05 class sizes (none: only the a06 models)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2],
                        help="job counts; each job has its own trainer, so on a GPU machine `--sizes --a06 50 "
                             "--jobs 1 2 4 8` is 50 models trained by k trainers sharing the GPU")
    parser.add_argument("--a06", type=int, default=20, help="distinct a06 models (0: skip)")
    parser.add_argument("--oracles", nargs="+", choices=["warm", "cold"], default=["warm", "cold"],
                        help="warm: a warm oracle server per job (grade's default); cold: --cold-oracles, a new "
                             "oracle process per submission (the baseline); both: each class graded both ways, "
                             "one after the other, and the ratio printed")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} "
          "GiB; "
          f"running as uid {os.geteuid()}", flush=True)
    per: dict[tuple[int, int, str], dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in args.sizes:
            klass = work / f"class{n}"
            klass.mkdir()
            make_class(klass, n)
            for jobs in args.jobs:
                for oracles in args.oracles:
                    r = grade(klass, jobs, ASSIGNMENTS, work, oracles)
                    per[(n, jobs, oracles)] = r
                    report(f"a01-a05 {oracles}", n, jobs, r)
                if {"warm", "cold"} <= set(args.oracles):
                    warm, cold = per[(n, jobs, "warm")], per[(n, jobs, "cold")]
                    print(f"{'warm / cold':>15} n={n:<5} --jobs {jobs}: wall {warm['wall'] / cold['wall']:.2f}x, "
                          f"CPU {warm['cpu'] / cold['cpu']:.2f}x", flush=True)
            shutil.rmtree(klass)
        for jobs in args.jobs:
            for oracles in args.oracles:
                sizes = [n for n in args.sizes if (n, jobs, oracles) in per]
                if len(sizes) > 1:
                    each = {n: per[(n, jobs, oracles)]["wall"] / n for n in sizes}
                    print(f"--jobs {jobs} {oracles}: seconds per submission, largest class / smallest: "
                          f"{each[sizes[-1]] / each[sizes[0]]:.2f}x "
                          f"({', '.join(f'{n}: {each[n]:.3f}' for n in sizes)})", flush=True)
        if args.a06:
            klass = work / "a06class"
            klass.mkdir()
            make_a06_class(klass, args.a06)
            for jobs in args.jobs:
                report("a06", args.a06, jobs, grade(klass, jobs, ["a06_fashion_mnist"], work))


if __name__ == "__main__":
    main()

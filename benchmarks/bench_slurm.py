"""``grade --cluster slurm`` on a real single-node Slurm, against ``--jobs`` on the same class.

Starts Debian's slurm-wlm and munge on this machine (``benchmarks/slurm_single_node.sh``, as root;
``--running DIR`` uses one already started there), makes a course folder whose grading.yml has a
``cluster.slurm`` section (one job of ``--cores`` cores, asking for the node's one GPU gres), grades
bench_scale's class with ``--cluster slurm`` and with ``--jobs CORES``, and prints both wall times,
their ratio, whether the two CSV gradebooks are byte-identical, and the sandbox each submission had
on the Slurm worker. The Slurm time includes submitting the job and its workers' start.

    python benchmarks/bench_slurm.py [--size 40] [--cores 2] [--a06 0] [--running DIR]
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scale import make_mixed_class  # noqa: E402

SCRIPT = ROOT / "benchmarks" / "slurm_single_node.sh"


def course(folder: Path, cores: int) -> Path:
    """The repository's course, seen from ``folder``, with a ``cluster.slurm`` section added."""
    folder.mkdir()
    for name in ("tests", "reference", "assignments", "data"):
        if (ROOT / name).exists():
            (folder / name).symlink_to(ROOT / name)
    text = (ROOT / "grading.yml").read_text(encoding="utf-8")
    text += (f"\ncluster:\n  slurm:\n    jobs: 1\n    cores: {cores}\n    memory: {2 * cores}GB\n"
             "    walltime: '01:00:00'\n    gpus_per_job: 1\n    start_timeout: 300\n")
    (folder / "grading.yml").write_text(text, encoding="utf-8")
    return folder


def grade(klass: Path, only: list[str], extra: list[str], work: Path, out: Path, env: dict[str, str]) -> float:
    args = [arg for aid in only for arg in ("-a", aid)]
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "grader", str(klass), *args, *extra, "--no-cache", "--no-plots",
                    "--course", str(work / "course"), "--format", out.suffix[1:], "-o", str(out)],
                   check=True, cwd=work, stdout=subprocess.DEVNULL, env={**env, "TMPDIR": str(work)})
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=40, help="a01-a05 submissions")
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 2, help="cores of the one Slurm job")
    parser.add_argument("--a06", type=int, default=0, help="distinct a06 models added (each trained)")
    parser.add_argument("--running", metavar="DIR", help="a single-node Slurm already started in DIR")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        slurm_dir = Path(args.running) if args.running else work / "slurm"
        if not args.running:
            subprocess.run(["sh", str(SCRIPT), "start", str(slurm_dir)], check=True)
        env = {**os.environ, "SLURM_CONF": str(slurm_dir / "slurm.conf"),
               "DLGRADER_CLUSTER_DIR": str(work / "cluster")}
        try:
            course(work / "course", args.cores)
            only, klass = make_mixed_class(work, args.size, args.a06), work / "class"
            print(f"machine: {os.cpu_count()} cores; class: {args.size} a01-a05 submissions, {args.a06} a06 "
                  f"models; one Slurm job of {args.cores} cores", flush=True)
            slurm = grade(klass, only, ["--cluster", "slurm"], work, work / "slurm.csv", env)
            jobs = grade(klass, only, ["--jobs", str(args.cores)], work, work / "jobs.csv", env)
            grade(klass, only, ["--cluster", "slurm"], work, work / "slurm.json", env)
            same = (work / "slurm.csv").read_bytes() == (work / "jobs.csv").read_bytes()
            sandboxes = collections.Counter(json.dumps(r.get("sandbox"), sort_keys=True)
                                            for r in json.loads((work / "slurm.json").read_text()))
            print(f"--cluster slurm {slurm:7.1f} s  --jobs {args.cores} {jobs:7.1f} s  slurm/jobs {slurm / jobs:.2f}x")
            print(f"gradebooks byte-identical: {same}")
            for sandbox, n in sandboxes.items():
                print(f"sandbox on the Slurm worker ({n} submissions): {sandbox}")
            left = subprocess.run(["squeue", "-h", "-n", "dlgrader"], capture_output=True, text=True, env=env)
            print(f"dlgrader jobs left in the queue: {len(left.stdout.splitlines())}")
        finally:
            if not args.running:
                subprocess.run(["sh", str(SCRIPT), "stop", str(slurm_dir)], check=False)


if __name__ == "__main__":
    main()

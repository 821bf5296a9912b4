"""Benchmark: grading a Fashion-MNIST Keras lab (a06, a08) vs a plain training script. Prints figures; asserts nothing.

In one run, interleaved, each a fresh process (imports and data loading included):

* ``plain``: ``benchmarks/plain_fit.py``, the script a student would write:
  import Keras, load Fashion-MNIST, ``build_model()`` from reference/,
  ``model.fit`` for the lab's 10 epochs at batch size 64, evaluate;
* ``grade``: ``grade reference -a a06_fashion_mnist`` end to end (config,
  oracle, sandboxed worker running ``build_model()``, vetting, the trusted
  trainer, scoring, report) with grading.yml's training settings;
* ``grade, no speed-ups``: the same with ``steps_per_execution: 1`` (what a
  plain ``model.fit`` does), to show what the trainer's speed-up buys.

    python benchmarks/bench_a06.py [--runs 2] [--device cpu|auto|gpu] [--backend tensorflow|torch]
                                   [--assignment a08_fashion_cnn]

Medians and the ratios grade / plain are printed. The trainer's own figures
(startup, training seconds, device) come from the graded result.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

GRADE = r'''
import json, sys
from pathlib import Path
from grader import config
from grader.run import engine
cfg = config.load(sys.argv[1], root=sys.argv[2])
r = engine.grade(Path(sys.argv[2]) / "reference", cfg, only=[sys.argv[3]], language="en")
a = r.assignments[0]
data = next((t.data for t in a.tests if t.data), {})
print(json.dumps({"score": a.score, "max": a.max_score, "accuracy": data.get("test_accuracy"),
                  "device": data.get("device"), "train_seconds": data.get("train_seconds")}))
'''


def _config(tmp: Path, aid: str, overrides: dict) -> Path:
    data = yaml.safe_load((ROOT / "grading.yml").read_text(encoding="utf-8"))
    data["assignments"][aid]["training"].update(overrides)
    path = tmp / f"grading-{abs(hash(json.dumps(overrides, sort_keys=True)))}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _run(cmd: list[str], env: dict) -> tuple[float, str]:
    start = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"failed ({r.returncode}): {' '.join(cmd[:4])}\n{r.stdout[-1500:]}{r.stderr[-1500:]}")
    return elapsed, r.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--device", default="auto", choices=["auto", "gpu", "cpu"])
    parser.add_argument("--backend", default="tensorflow", choices=["tensorflow", "torch"])
    parser.add_argument("--skip-plain", action="store_true", help="only the two grading variants")
    parser.add_argument("--assignment", default="a06_fashion_mnist", help="a Fashion-MNIST Keras lab of grading.yml")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from grader.kits.datasets import fashion_mnist

    folder = str(fashion_mnist.locate(download=False))
    tmp = Path(tempfile.mkdtemp(prefix="bench-keras-"))
    base = {"device": args.device, "backend": args.backend, "cache": False}  # always really train
    fast, slow = _config(tmp, args.assignment, base), _config(tmp, args.assignment, {**base, "steps_per_execution": 1})
    from grader import config

    module = Path(config.load(ROOT / "grading.yml").assignments[args.assignment].files[0]).stem
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "KERAS_BACKEND": args.backend}
    if args.device == "cpu":
        env["CUDA_VISIBLE_DEVICES"] = ""
    variants = {"grade": [sys.executable, "-c", GRADE, str(fast), str(ROOT), args.assignment],
                "grade, no speed-ups": [sys.executable, "-c", GRADE, str(slow), str(ROOT), args.assignment]}
    if not args.skip_plain:
        variants = {"plain model.fit script": [sys.executable, str(ROOT / "benchmarks" / "plain_fit.py"), folder,
                                                              args.assignment, module],
                    **variants}
    times: dict[str, list[float]] = {k: [] for k in variants}
    for i in range(args.runs):
        for name, cmd in variants.items():
            elapsed, last = _run(cmd, env)
            times[name].append(elapsed)
            print(f"run {i + 1}  {name:24s} {elapsed:6.1f} s   {last}", flush=True)
    print(f"\n{args.assignment}; {os.cpu_count()} CPU cores; data from {folder}; backend {args.backend}, "
          f"device setting {args.device}")
    med = {k: statistics.median(v) for k, v in times.items()}
    for name, m in med.items():
        print(f"{name:24s} median {m:6.1f} s  (runs: {', '.join(f'{t:.1f}' for t in times[name])})")
    if "plain model.fit script" in med:
        p = med["plain model.fit script"]
        print(f"grade / plain              = {med['grade'] / p:.2f}")
        print(f"grade (no speed-ups) / plain = {med['grade, no speed-ups'] / p:.2f}")
    print(f"speed-up from the trainer's settings = {med['grade, no speed-ups'] / med['grade']:.2f}x")


if __name__ == "__main__":
    main()

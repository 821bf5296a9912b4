"""The per-assignment wall clock: once it is used up, the remaining tests time out at once."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import yaml

from grader import config
from grader.run import engine

ROOT = Path(__file__).resolve().parent.parent


def test_assignment_time_limit_cuts_the_rest_short(tmp_path):
    data = yaml.safe_load((ROOT / "grading.yml").read_text(encoding="utf-8"))
    data["assignments"]["a02_activations"]["time_limit"] = 3
    data["assignments"]["a02_activations"]["call_timeout"] = 1
    cfg_path = tmp_path / "grading.yml"
    cfg_path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    cfg = config.load(cfg_path, root=ROOT)

    sub = tmp_path / "sub"
    shutil.copytree(ROOT / "reference", sub)
    act = sub / "a02_activations" / "activations.py"
    text = act.read_text(encoding="utf-8")
    for fn in ("step_function", "sigmoid", "relu", "identity_function", "softmax"):
        text = text.replace(f"def {fn}(x):\n", f"def {fn}(x):\n    while True:\n        pass\n")
    act.write_text(text, encoding="utf-8")

    started = time.monotonic()
    result = engine.grade(sub, cfg, ["a01_perceptron", "a02_activations"])
    elapsed = time.monotonic() - started
    a01, a02 = result.assignments
    assert a01.score == a01.max_score
    assert a02.score == 0 and {t.status for t in a02.tests} == {"timeout"}
    outputs = [t.output for t in a02.tests]
    assert any("did not finish within 1 s" in o for o in outputs)
    assert any("time limit for this assignment (3 s) is used up" in o for o in outputs[3:])
    assert elapsed < 15, f"grading took {elapsed:.1f} s; the 3 s assignment limit did not cut it short"

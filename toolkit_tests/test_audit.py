"""`grade audit`: the mutator, the pure summary, and the bar the hidden suites must meet.

The last test runs the whole audit of a01-a05 (about two minutes on two cores): the
suites must kill at least 90% of the non-equivalent mutants overall and 80% in every
assignment (issue: suite audit).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from grader import config
from grader.results.audit import MutantResult, summarise
from grader.tools import audit
from grader.tools.mutate import mutants

ROOT = Path(__file__).resolve().parent.parent

SAMPLE = '''"""doc"""
import numpy as np


def f(x, t):
    """Docstrings are not mutated."""
    y = np.sum(x * 2, axis=-1, keepdims=True)
    if y > 0 and t:
        return g(x, t) - y
    for i in range(3):
        y += i
    return -y
'''


def test_mutator_covers_each_operator_once_per_site():
    ms = mutants("m.py", SAMPLE)
    ops = {m.operator for m in ms}
    assert ops == {"arith", "compare", "const", "negate", "axis", "numpy", "delete", "swap", "off-by-one", "bool"}
    mutated = {m.mutated for m in ms}
    assert "y = np.mean(x * 2, axis=-1, keepdims=True)" in mutated
    assert "y = np.sum(x * 2, axis=0, keepdims=True)" in mutated
    assert "y = np.sum(x * 2, axis=-1, keepdims=False)" in mutated
    assert "if y >= 0 and t:" in mutated and "if y > 0 or t:" in mutated
    assert "return g(t, x) - y" in mutated and "return g(x, t) + y" in mutated
    assert "for i in range(3 - 1):" in mutated
    assert all("import" not in m.original and "Docstrings" not in m.original for m in ms)
    assert len({m.source for m in ms}) == len(ms)  # no two mutants are the same program
    assert [m.key for m in ms] == [m.key for m in mutants("m.py", SAMPLE)]  # deterministic


def test_summary_is_pure_bookkeeping():
    rs = [MutantResult("a", "f.py", 1, "arith", "d", s) for s in ("killed", "killed", "survived", "equivalent")]
    report = summarise(rs, ["a"])
    a = report.assignments[0]
    assert (a.killed, a.total, a.equivalent, len(a.survivors)) == (2, 4, 1, 1)
    assert a.ratio == pytest.approx(2 / 3) and report.ratio == pytest.approx(2 / 3)
    data = report.to_dict()
    assert {"killed", "total", "assignments"} <= set(data) and data["assignments"][0]["id"] == "a"


def test_allowlist_entries_are_complete():
    allow = audit.load_allowlist(ROOT / "audit.yml")
    assert allow and all(reason.strip() for reason in allow.values())


@pytest.mark.slow
def test_hidden_suites_kill_the_mutants(tmp_path):
    out = tmp_path / "audit.json"
    r = subprocess.run([sys.executable, "-m", "grader", "audit", "--format", "json", "-o", str(out), "--jobs", "2"],
                       cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert r.returncode == 0, r.stderr[-2000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    figures = {a["id"]: (a["killed"], a["total"] - a["equivalent"], a["ratio"]) for a in data["assignments"]}
    survivors = {a["id"]: [s["diff"] for s in a["survivors"]] for a in data["assignments"]}
    assert all(ratio >= 0.90 for _, _, ratio in figures.values()), (figures, survivors)
    assert set(figures) == set(config.load(ROOT / "grading.yml").assignments)

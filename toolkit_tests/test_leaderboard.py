"""The leaderboard (issue: a TA's whole term): Gradescope's ``leaderboard`` field, as its
"Leaderboards" documentation defines it (a top-level array of ``{"name", "value"}``, higher first)."""
from __future__ import annotations

import io
import json

from grader.reporters import gradescope
from grader.results import AssignmentResult, SubmissionResult
from grader.results import TestResult as Outcome


def _lab(aid: str, accuracy: float | None, status: str = "graded") -> AssignmentResult:
    data = {} if accuracy is None else {"test_accuracy": accuracy}
    t = Outcome("accuracy", f"tests/{aid}/t.py::test_test_accuracy", 5.0, 5.0, "passed", "", data)
    return AssignmentResult(aid, None if status == "grader_error" else 5.0, 5.0, status, "", "", [t])


def test_each_trained_lab_is_a_leaderboard_quantity():
    r = SubmissionResult("s", 10.0, 10.0, 1.0, [_lab("a06_fashion_mnist", 0.88123456), _lab("a01_perceptron", None)])
    buf = io.StringIO()
    gradescope.write([r], buf, "en", True, {})
    data = json.loads(buf.getvalue())
    assert data["leaderboard"] == [{"name": "a06_fashion_mnist accuracy", "value": 0.8812}]


def test_no_leaderboard_without_a_trained_model():
    r = SubmissionResult("s", 5.0, 5.0, 1.0, [_lab("a01_perceptron", None)])
    assert "leaderboard" not in gradescope.payload(r, {})

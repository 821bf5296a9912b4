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


# ------------------------------------------------------------------ the pseudonymous tables
from grader.reporters import html, leaderboard, markdown, text  # noqa: E402

SALT = "a-staff-secret"


def _class() -> list[SubmissionResult]:
    def sub(name: str, acc: float | None, status: str = "graded") -> SubmissionResult:
        return SubmissionResult(f"class/{name}", 5.0, 5.0, 1.0, [_lab("a06_fashion_mnist", acc, status)])
    return [sub("kimminji", 0.91), sub("leejunho", 0.87), sub("parkseoyeon", 0.91), sub("choi", 0.95, "grader_error"),
            sub("jung", None)]


def test_pseudonyms_are_stable_depend_on_the_secret_and_hide_the_identifier():
    a = leaderboard.pseudonym("kimminji", SALT)
    assert a == leaderboard.pseudonym("kimminji", SALT)
    assert a != leaderboard.pseudonym("kimminji", "another-course-secret")
    assert "kimminji" not in a and a != leaderboard.pseudonym("leejunho", SALT)


def test_boards_rank_by_the_graders_accuracy_with_ties_and_leave_out_the_unscored():
    (entries,) = leaderboard.boards(_class(), SALT).values()
    assert [(e.rank, e.accuracy) for e in entries] == [(1, 0.91), (1, 0.91), (3, 0.87)]
    assert sorted(e.student for e in entries) == [0, 1, 2]          # choi (a grader problem) and jung (no model) out


def test_markdown_and_html_show_the_board_under_pseudonyms_and_each_student_their_own():
    results = _class()
    names = [leaderboard.of(r, SALT) for r in results]
    md = io.StringIO()
    markdown.write(results, md, "en", False, {"leaderboard_salt": SALT})
    board = md.getvalue().split("### Leaderboard: a06_fashion_mnist")[1].split("\n## ")[0]
    assert all(n in board for n in names[:3]) and names[3] not in board
    assert not any(ident in board for ident in ("kimminji", "leejunho", "parkseoyeon"))
    assert f"Leaderboard pseudonym: `{names[0]}`" in md.getvalue()
    page = io.StringIO()
    html.write(results, page, "en", False, {"leaderboard_salt": SALT})
    table = page.getvalue().split('<table class="leaderboard"')[1].split("</table>")[0]
    assert [n for n in names if n in table] == names[:3] and "kimminji" not in table
    own = io.StringIO()
    text.write(results[:1], own, "en", True, {"leaderboard_salt": SALT})
    assert f"leaderboard pseudonym: {names[0]}" in own.getvalue()
    none = io.StringIO()
    text.write(results[4:], none, "en", True, {"leaderboard_salt": SALT})
    assert "pseudonym" not in none.getvalue()                        # no model, no board, no pseudonym

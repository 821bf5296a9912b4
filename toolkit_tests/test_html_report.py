"""``--format html``, the class report: what it computes (pure) and what the page holds.

The page is read here with the standard library's HTML parser; a real browser's reading
(issue: a TA's whole term) is still to come."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from html.parser import HTMLParser

from grader.reporters import ReportOptions, csv_report, html
from grader.results import AssignmentResult, SubmissionResult
from grader.results import TestResult as Outcome

NODE = "tests/a02_activations/test_hidden_activations.py::"


def _test(fn: str, passed: bool, output: str = "", data: dict | None = None) -> Outcome:
    return Outcome(fn, NODE + fn, 1.0 if passed else 0.0, 1.0, "passed" if passed else "failed", output, data or {})


def _class() -> list[SubmissionResult]:
    def sub(name: str, tests: list[Outcome], status: str = "graded", student: dict | None = None) -> SubmissionResult:
        score = None if status == "grader_error" else sum(t.score for t in tests)
        a = AssignmentResult("a02_activations", score, 2.0, status, "", "활성화 함수", tests)
        return SubmissionResult(f"class/{name}", score, 2.0, 1.0, [a], student=student)

    return [
        sub("kim", [_test("test_softmax", True), _test("test_relu", True)],
            student={"id": "20261234", "name": "김민지"}),
        sub("lee", [_test("test_softmax", False, "softmax([1, 2]): expected 0.27, got 0.5\n(en)"),
                    _test("test_relu", True)]),
        sub("park", [_test("test_softmax", False, "softmax([3, 4, 5]): expected 0.09, got 0.33"),
                     _test("test_relu", False, "relu: raised NameError: name 'np' is not defined")]),
        sub("choi", [_test("test_softmax", False), _test("test_relu", False)], status="grader_error"),
    ]


def test_messages_with_other_values_share_a_template():
    assert html.template_of("softmax([1, 2]): expected 0.27, got 0.5\n(en)") == \
        html.template_of("softmax([3, 4, 5]): expected 0.09, got -1e-3") == "softmax([…]): expected #, got #"
    assert html.template_of("relu: raised NameError: name 'np' is not defined") == \
        "relu: raised NameError: name '…' is not defined"
    assert html.template_of("a02_activations: the model has 3 layers") != html.template_of("a02 has no file")


def test_summary_counts_scores_pass_rates_and_failure_groups():
    (s,) = html.summarise(_class())
    assert sorted(s.scores) == [0.0, 1.0, 2.0]        # choi's grader problem is not a score
    assert s.not_scored == [3] and s.missing == 0
    softmax, relu = s.tests
    assert (softmax.passed, softmax.total, relu.passed, relu.total) == (1, 3, 2, 3)
    assert softmax.groups == [("softmax([…]): expected #, got #", [1, 2])]
    assert relu.groups == [("relu: raised NameError: name '…' is not defined", [2])]


def _first_test(r: SubmissionResult, **changes: object) -> SubmissionResult:
    """``r`` with its first assignment's first test changed (results are frozen values)."""
    a = r.assignments[0]
    a = replace(a, tests=[replace(a.tests[0], **changes), *a.tests[1:]])
    return replace(r, assignments=[a, *r.assignments[1:]])


def test_the_accuracy_a_keras_test_recorded_is_charted():
    results = _class()
    results[0] = _first_test(results[0], data={"test_accuracy": 0.88, "per_class_accuracy": {"0": 0.9, "1": 0.8}})
    results[1] = _first_test(results[1], data={"test_accuracy": 0.70,
                                               "per_class_accuracy": [0.7, 0.6]})  # the trainer's list
    (s,) = html.summarise(results)
    assert s.accuracies == [0.88, 0.70]
    assert [(label, round(v, 3)) for label, v in s.per_class] == [("0", 0.8), ("1", 0.7)]


class _Page(HTMLParser):
    """Rows of the gradebook table, every link target and id, and any external reference."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "tr" and "student" in (a.get("class") or "").split():
            self.rows.append(a)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        for key in ("src", "href"):
            if re.match(r"^(https?:)?//", a.get(key) or ""):
                self.external.append(a[key])


def test_the_page_has_every_student_with_the_gradebooks_totals_and_opens_offline():
    results = _class()
    out = io.StringIO()
    html.write(results, out, ReportOptions(language="ko"))
    page = _Page()
    page.feed(out.getvalue())
    gradebook = io.StringIO()
    csv_report.write(results, gradebook, ReportOptions(language="ko"))
    totals = {r["identifier"]: r["total"] for r in csv.DictReader(io.StringIO(gradebook.getvalue().lstrip("\ufeff")))}
    assert {r["data-identifier"]: r["data-total"] for r in page.rows} == totals
    assert not page.external and "<script" not in out.getvalue()
    assert all(link[1:] in page.ids for link in page.links if link.startswith("#"))
    assert {f"student-{i}" for i in range(len(results))} <= page.ids
    assert out.getvalue().count("<svg") == 1                  # the score histogram, inline
    assert "채점기 문제" in out.getvalue()                      # choi's cell says what it is, not a score


def test_student_text_is_escaped():
    results = _class()
    results[1] = _first_test(results[1], output="<script>alert(1)</script>")
    out = io.StringIO()
    html.write(results, out, ReportOptions())
    assert "<script>" not in out.getvalue() and "&lt;script&gt;" in out.getvalue()


def test_a_number_before_a_korean_particle_is_a_placeholder_too():
    assert html.template_of("정확도 0.985이(가) 기준 0.85보다 낮습니다") == html.template_of("정확도 0.5이(가) 기준 "
                                                                                "0.85보다 낮습니다") \
        == "정확도 #이(가) 기준 #보다 낮습니다"
    assert html.template_of("relu2 returned x1") == "relu2 returned x1"   # names keep their digits

"""``--format junit``: JUnit XML (written with junitparser) for CI dashboards.

One ``testsuite`` per submission and assignment (``name`` = ``<submission>/<assignment>``);
one ``testcase`` per hidden test (``classname`` = the assignment); ``failed`` ->
``failure``, ``error`` and ``timeout`` -> ``error`` (``type`` says which). A missing or
ungradable assignment is one ``testcase`` with an ``error``. Scores go in ``properties``.
"""
from __future__ import annotations

from typing import TextIO

from junitparser import Error, Failure, JUnitXml, Properties, Property, TestCase, TestSuite

from grader.reporters.protocol import Leaderboard, ReportOptions
from grader.results import SubmissionResult
from grader.submissions.identity import identifiers


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[0][:300]


# What grade asks this format (reporters.Reporter).
NEEDS_ROSTER = False
LEADERBOARD: Leaderboard = "none"
SHOWS_SIMILARITY = False


def write(results: list[SubmissionResult], out: TextIO, options: ReportOptions) -> None:
    xml = JUnitXml(name="dlgrader")
    for r, who in zip(results, identifiers(results), strict=True):
        for a in r.assignments:
            suite = TestSuite(f"{who}/{a.id}")
            props = Properties()
            whose = (("student_id", r.student["id"]), ("student_name", r.student["name"])) if r.student else ()
            late = (("deadline", a.late.deadline), ("submitted_at", a.late.submitted_at or ""),
                    ("days_late", a.late.days_late), ("penalty_percent", a.late.penalty),
                    ("unpenalised_score", a.late.unpenalised_score)) if a.late else ()
            for name, value in (("score", a.score), ("max_score", a.max_score), ("status", a.status), *whose, *late):
                props.add_property(Property(name, "" if value is None else str(value)))
            suite.append(props)
            if a.status != "graded":
                case = TestCase(f"{a.id} ({a.status})", classname=a.id, time=0.0)
                case.result = [Error(_first_line(a.message), a.status)]
                case.result[0].text = a.message
                suite.add_testcase(case)
            for t in a.tests:
                case = TestCase(t.name, classname=a.id, time=0.0)
                if t.status == "failed":
                    case.result = [Failure(_first_line(t.output), "failed")]
                elif t.status in ("error", "timeout"):
                    case.result = [Error(_first_line(t.output), t.status)]
                if case.result:
                    case.result[0].text = t.output
                suite.add_testcase(case)
            suite.update_statistics()
            xml.add_testsuite(suite)
    xml.update_statistics()
    out.write(xml.tostring().decode("utf-8") if isinstance(xml.tostring(), bytes) else str(xml.tostring()))
    out.write("\n")

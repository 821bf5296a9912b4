"""Pure scoring: test outcomes and configured points in, scores out. No I/O.

Points belong to test *functions* in grading.yml. A parametrized function's
points are split equally over its cases, so adding a case never changes the
assignment's total.
"""
from __future__ import annotations

import dataclasses
import difflib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from grader.results import AssignmentResult, SubmissionResult, TestResult, TestStatus, sanitize


@dataclass(frozen=True)
class Outcome:
    """One executed test case, as the oracle's plugin reports it."""

    assignment: str
    function: str
    nodeid: str
    name: str
    status: TestStatus
    output: str = ""
    fraction: float | None = None  # share of the points a failed test still earns (a ramp); None: 0
    data: dict[str, Any] = field(default_factory=dict)  # structured feedback (e.g. training history)
    grader_fault: str = ""  # why the grader, not the student, failed this test (its own code, the sandbox's start)


def earned_share(o: Outcome) -> float:
    if o.status == "passed":
        return 1.0
    if o.status == "failed" and o.fraction is not None:
        return min(1.0, max(0.0, o.fraction))
    return 0.0


def consistency_problems(assignment: str, points: dict[str, float], functions: set[str]) -> list[str]:
    """Mismatches between grading.yml's points and the collected hidden test functions."""
    problems = []
    for fn in sorted(functions - set(points)):
        problems.append(f"assignments.{assignment}.tests: no points for hidden test '{fn}'")
    for key in sorted(set(points) - functions):
        near = difflib.get_close_matches(key, sorted(functions), n=1, cutoff=0.5)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        problems.append(f"assignments.{assignment}.tests.{key}: no hidden test has this name{hint}")
    return problems


def score_assignment(assignment: str, title: str, points: dict[str, float],
                     outcomes: list[Outcome]) -> AssignmentResult:
    cases = Counter(o.function for o in outcomes)
    tests = []
    earned = 0.0
    for o in outcomes:
        worth = points.get(o.function, 0.0) / cases[o.function]
        earned += worth * earned_share(o)
        tests.append(TestResult(name=o.name, nodeid=o.nodeid, score=round(worth * earned_share(o), 4),
                                max_score=round(worth, 4), status=o.status, output=o.output, data=dict(o.data)))
    max_score = float(sum(points.values()))
    if not outcomes:
        return AssignmentResult(id=assignment, title=title, score=0.0, max_score=max_score, status="error",
                                message="no hidden test ran", tests=[])
    score = round(earned, 4)
    return AssignmentResult(id=assignment, title=title, score=score, max_score=max_score, status="graded", tests=tests)


def withhold(result: AssignmentResult, message: str) -> AssignmentResult:
    """The assignment as a grader problem: no score (never a grade), the problem said in its message."""
    return dataclasses.replace(result, status="grader_error", score=None,
                               message="\n".join(m for m in (message, result.message) if m))


def total(submission: str, assignments: list[AssignmentResult], execution_time: float,
          sandbox: dict | None = None, grader_errors: list[str] | None = None,
          notes: list[str] | None = None) -> SubmissionResult:
    """The submission's result; its score is None while any assignment has none (not final). Every
    string in it is cleaned here (:mod:`grader.results.sanitize`): this is where results are built."""
    scores = [a.score for a in assignments]
    return sanitize.submission(SubmissionResult(
        submission=submission,
        score=None if None in scores else round(sum(s for s in scores if s is not None), 4),
        max_score=round(sum(a.max_score for a in assignments), 4),
        execution_time=round(execution_time, 3),
        assignments=assignments,
        sandbox=sandbox or {},
        grader_errors=list(grader_errors or []),
        notes=list(notes or []),
    ))

"""Typed results and their versioned JSON form (field names follow Gradescope's results.json).

These are the contract of ``grade --format json`` (docs/formats.md, "The JSON contract"). Never pickled.
"""
from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from grader import __version__

TestStatus = Literal["passed", "failed", "error", "timeout"]
# grader_error: the grader itself failed while grading this assignment (a hidden test's own bug, a
# sandbox or trainer that could not start, no data set): it has no score, and is never a grade.
AssignmentStatus = Literal["graded", "missing", "error", "grader_error"]
FORMAT_VERSION = 2  # 2: an assignment's and a submission's score may be null (a grader problem)


@dataclass(frozen=True)
class TestResult:
    name: str
    nodeid: str
    score: float
    max_score: float
    status: TestStatus
    output: str = ""
    # Structured feedback a test recorded (a06: test_accuracy, per_class_accuracy, history, device,
    # train_seconds); reporters draw the training-curve plot from it. Empty for most tests.
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Lateness:
    """When an assignment was handed in against its deadline, and what that cost (``late_policy``).

    Present on every assignment that has a deadline, on time or not, so every report can say which;
    attached after grading (like the roster), so never part of a cached grade."""
    deadline: str                  # ISO 8601 with its offset; the student's extension included
    submitted_at: str | None       # None: no time known (no commit, no entry in the times file): not penalised
    source: str                    # where the time came from: "commit 1a2b3c4", "times file", "--at"
    days_late: int                 # started days after the deadline, once past the grace period; 0 on time
    penalty: float                 # percent of the earned score taken off (capped by max_penalty)
    unpenalised_score: float | None  # the score before the penalty (None: a grader problem, no score)
    extension: str = ""            # the extension that moved the deadline, as the extensions file gave it
    notes: list[str] = field(default_factory=list)  # what a TA should check (commit dates out of order)


@dataclass(frozen=True)
class AssignmentResult:
    id: str
    score: float | None  # None exactly when status is grader_error
    max_score: float
    status: AssignmentStatus
    message: str = ""
    title: str = ""
    tests: list[TestResult] = field(default_factory=list)
    late: Lateness | None = None  # None: the assignment has no deadline (or nothing was handed in)


@dataclass(frozen=True)
class SubmissionResult:
    submission: str
    score: float | None  # None while an assignment has no score (a grader problem): not a final grade
    max_score: float
    execution_time: float
    assignments: list[AssignmentResult]
    grader_version: str = __version__
    format_version: int = FORMAT_VERSION
    sandbox: dict[str, Any] = field(default_factory=dict)
    # What went wrong on the grader's side (the oracle timed out, a hidden suite did not load, the
    # trainer found no GPU): not the student's doing, so the result is not cached and a rerun
    # regrades it. Empty when grading went as it should.
    grader_errors: list[str] = field(default_factory=list)
    # What the student should know about the submission as a whole (zip entries that were skipped).
    notes: list[str] = field(default_factory=list)
    # Whose submission it is, from the TA's roster (``grade --roster``): {"id": ..., "name": ...}; None
    # without a roster or without an entry. Attached after grading, so never part of a cached grade.
    student: dict[str, str] | None = None
    # Why the roster gave this submission no student, or what the TA must decide about it (a name two
    # entries could claim, one of a student's several submissions); None when nothing. Attached with student.
    roster_note: str | None = None

    @property
    def final(self) -> bool:
        """Whether this is a grade of record: no assignment was left without a score."""
        return all(a.status != "grader_error" for a in self.assignments)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def from_dict(data: dict[str, Any]) -> SubmissionResult:
    """Rebuild a result written by :meth:`SubmissionResult.to_dict` (for reporters and tests)."""
    if data.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"unsupported results format_version {data.get('format_version')!r}")
    assignments = [
        AssignmentResult(**{**a, "tests": [TestResult(**t) for t in a.get("tests", [])],
                            "late": Lateness(**a["late"]) if a.get("late") else None})
        for a in data["assignments"]
    ]
    return SubmissionResult(**{**data, "assignments": assignments})


def _check(value: Any, hint: Any, where: str) -> None:
    """Raise ValueError unless ``value`` has the annotated type ``hint`` (the types results use)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return
    if origin in (typing.Union, types.UnionType):
        errors = []
        for option in args:
            try:
                return _check(value, option, where)
            except ValueError as exc:
                errors.append(str(exc))
        raise ValueError(errors[0])
    if origin is Literal:
        if value not in args:
            raise ValueError(f"{where}: {value!r} is not one of {list(args)}")
        return
    if hint is type(None):
        if value is not None:
            raise ValueError(f"{where}: expected null")
        return
    if origin is list:
        if not isinstance(value, list):
            raise ValueError(f"{where}: expected a list")
        for i, item in enumerate(value):
            _check(item, args[0], f"{where}[{i}]")
        return
    if origin is dict:
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise ValueError(f"{where}: expected an object")
        return
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, hint):
            raise ValueError(f"{where}: expected {hint.__name__}")
        hints = typing.get_type_hints(hint)
        for f in dataclasses.fields(hint):
            _check(getattr(value, f.name), hints[f.name], f"{where}.{f.name}")
        return
    if hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, hint)
    if not ok:
        raise ValueError(f"{where}: expected {getattr(hint, '__name__', hint)}, got {type(value).__name__}")


def from_json(text: str) -> SubmissionResult:
    """A result from its JSON text, every field checked against its declared type (ValueError
    otherwise): for results that crossed from another process or machine (``grade --cluster``)."""
    return checked(json.loads(text))


def checked(data: Any) -> SubmissionResult:
    """:func:`from_json` for the parsed JSON."""
    if not isinstance(data, dict):
        raise ValueError("a result must be a JSON object")
    try:
        result = from_dict(data)
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not a result: {exc}") from None
    _check(result, SubmissionResult, "result")
    return result

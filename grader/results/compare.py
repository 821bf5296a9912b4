"""``grade ... --compare previous.json`` (or ``.csv``): what changed since an earlier gradebook.

A TA who fixes a hidden test or changes a threshold regrades the class and needs to know,
before uploading, whose grade moved and why: this lists each student whose score changed,
by assignment and (against an earlier JSON report) by test, and the students who appear on
one side only. Students are matched by their gradebook identifier. Pure: results in, lines out.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from grader.results import SubmissionResult
from grader.submissions.identity import identifiers


class CompareError(Exception):
    """The earlier gradebook cannot be read; ``str()`` says why."""


@dataclass
class Earlier:
    """One student's earlier scores: per assignment, and per test where the source had them."""

    total: float | None
    assignments: dict[str, float | None] = field(default_factory=dict)
    tests: dict[str, dict[str, float]] = field(default_factory=dict)  # assignment -> test id -> score


def _test_id(nodeid: str) -> str:
    """``test_xor[00]``: a node id without its file path, which names the course folder it ran from
    (a rerun from another copy of the course is still the same test)."""
    return nodeid.split("::")[-1]


def _number(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def load(path: Path) -> dict[str, Earlier]:
    """An earlier report written by ``grade``: JSON (one result or a list) or the CSV gradebook."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CompareError(f"{path}: cannot read ({exc})") from None
    if path.suffix.lower() == ".csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        if not rows or "identifier" not in rows[0]:
            raise CompareError(f"{path}: not a gradebook written by grade (no identifier column)")
        fixed = {"identifier", "total", "max_score", "status", "grader_version", "student_id", "name", "roster_note"}
        late = ("_days_late", "_penalty_percent", "_unpenalised")  # lateness columns, not assignments
        out = {}
        for row in rows:
            name = row["identifier"][1:] if row["identifier"].startswith("'") else row["identifier"]
            out[name] = Earlier(_number(row.get("total", "")),
                                {k: _number(v) for k, v in row.items() if k not in fixed and not k.endswith(late)})
        return out
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise CompareError(f"{path}: not JSON ({exc})") from None
    items = data if isinstance(data, list) else [data]
    if not all(isinstance(d, dict) and "submission" in d and isinstance(d.get("assignments"), list) for d in items):
        raise CompareError(f"{path}: not a results report written by grade --format json")
    shells = [SubmissionResult(submission=d["submission"], score=d.get("score"), max_score=0, execution_time=0,
                               assignments=[]) for d in items]
    out = {}
    for name, d in zip(identifiers(shells), items, strict=True):
        out[name] = Earlier(d.get("score"), {a["id"]: a.get("score") for a in d["assignments"]},
                            {a["id"]: {_test_id(t["nodeid"]): t.get("score", 0.0) for t in a.get("tests", [])}
                             for a in d["assignments"]})
    return out


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:g}"


def changes(results: list[SubmissionResult], earlier: dict[str, Earlier]) -> list[str]:
    """One line per student whose grade changed (or who is new or gone), with the assignments and
    tests that moved; empty when nothing changed."""
    lines = []
    now = dict(zip(identifiers(results), results, strict=True))
    for name, r in now.items():
        before = earlier.get(name)
        if before is None:
            lines.append(f"{name}: new (not in the earlier gradebook): {_fmt(r.score)}")
            continue
        parts = []
        for a in r.assignments:
            old = before.assignments.get(a.id)
            if a.id not in before.assignments or old != a.score:
                detail = ""
                if a.id in before.tests:
                    was = before.tests[a.id]
                    moved = [f"{_test_id(t.nodeid)} {_fmt(was.get(_test_id(t.nodeid)))} -> {_fmt(t.score)}"
                             for t in a.tests if was.get(_test_id(t.nodeid)) != t.score]
                    detail = f" ({'; '.join(moved[:8])}{' ...' if len(moved) > 8 else ''})" if moved else ""
                parts.append(f"{a.id} {_fmt(old)} -> {_fmt(a.score)}{detail}")
        if parts:
            lines.append(f"{name}: {_fmt(before.total)} -> {_fmt(r.score)}: " + "; ".join(parts))
    for name in earlier:
        if name not in now:
            lines.append(f"{name}: gone (in the earlier gradebook, not graded now)")
    return lines

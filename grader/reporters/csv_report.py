"""``--format csv``: the gradebook, one row per submission.

Columns: ``identifier`` (the submission's folder or zip name, what a TA matches
against a GitHub Classroom roster's ``identifier`` / ``github_username``), one
score column per assignment, ``total``, ``max_score``, ``status`` (``complete``,
or which assignments hit a grader problem, are missing or in error) and
``grader_version``; with deadlines, ``<id>_days_late``, ``<id>_penalty_percent`` and
``<id>_unpenalised`` (the score before the penalty) per assignment that has one, before
``grader_version``. An assignment without a score (a grader problem) has an empty
cell, and so has the row's ``total``. Written as
UTF-8 with a byte-order mark so that spreadsheet programs show Korean names.
"""
from __future__ import annotations

import csv
from typing import TextIO

from grader.reporters.protocol import Leaderboard, ReportOptions
from grader.results import AssignmentResult, SubmissionResult
from grader.submissions.identity import identifiers

BOM = "\ufeff"


def spreadsheet_safe(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula (OWASP "CSV injection"): a leading
    ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a ``'`` in front."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def status(r: SubmissionResult) -> str:
    """``complete``, or what is not: ``grader_error: ...`` first (the row is not a grade), then
    ``missing: ...`` and ``error: ...``."""
    parts = []
    for kind in ("grader_error", "missing", "error"):
        ids = [a.id for a in r.assignments if a.status == kind]
        if ids:
            parts.append(f"{kind}: {' '.join(ids)}")
    return "; ".join(parts) or "complete"


def _num(x: float | None) -> str:
    """A score cell; empty where there is no score (a grader problem), so no one uploads a made-up 0."""
    return "" if x is None else f"{x:.4f}".rstrip("0").rstrip(".")


def _late_cells(a: AssignmentResult | None) -> list[str]:
    """days late, percent off, the score before the penalty; empty where no time or no deadline."""
    if a is None or a.late is None or a.late.submitted_at is None:
        return ["", "", ""]
    return [str(a.late.days_late), f"{a.late.penalty:g}", _num(a.late.unpenalised_score)]


# What grade asks this format (reporters.Reporter).
NEEDS_ROSTER = False
LEADERBOARD: Leaderboard = "none"
SHOWS_SIMILARITY = False


def write(results: list[SubmissionResult], out: TextIO, options: ReportOptions) -> None:
    """With a roster (``grade --roster``), ``student_id``, ``name`` and ``roster_note`` (a name two entries
    could claim, one of a student's several submissions: what the TA must decide) follow ``identifier``,
    and every roster entry without a submission gets a row of its own: status ``no_submission``, empty
    cells (no made-up 0: the TA decides), so the gradebook has the whole class."""
    ids = list(dict.fromkeys(a.id for r in results for a in r.assignments))
    absent = options.absent
    with_roster = bool(absent) or any(r.student is not None for r in results)
    who = ["student_id", "name", "roster_note"] if with_roster else []
    out.write(BOM)
    w = csv.writer(out, lineterminator="\n")
    dated = [i for i in ids if any(a.id == i and a.late for r in results for a in r.assignments)]
    late_cols = [f"{i}_{c}" for i in dated for c in ("days_late", "penalty_percent", "unpenalised")]
    w.writerow(["identifier", *who, *ids, "total", "max_score", "status", *late_cols, "grader_version"])
    for r, name in zip(results, identifiers(results), strict=True):
        by_id = {a.id: a for a in r.assignments}
        student = ([*(spreadsheet_safe((r.student or {}).get(k, "")) for k in ("id", "name")),
                    spreadsheet_safe(r.roster_note or "")] if with_roster else [])
        late = [cell for i in dated for cell in _late_cells(by_id.get(i))]
        w.writerow([spreadsheet_safe(name), *student, *(_num(by_id[i].score) if i in by_id else "" for i in ids),
                    _num(r.score), _num(r.max_score), status(r), *late, r.grader_version])
    max_score = _num(results[0].max_score) if results else ""
    for s in absent:
        w.writerow([spreadsheet_safe(s.get("key", "")), spreadsheet_safe(s["id"]), spreadsheet_safe(s["name"]), "",
                    *("" for _ in ids), "", max_score, "no_submission", *("" for _ in late_cols),
                    results[0].grader_version if results else ""])

"""What every LMS grade import (``canvas``, ``moodle``) needs before a row is written: a roster, and
one submission per student.

An LMS import has one row per student and matches it to a user by an ID. Two rows for one student
are two grades for one user: at best the import takes one, and nothing tells the TA which (a
stranger's clone written after the student's would win). So a class where two submissions map to
one roster student gets no file at all, and the TA is told which ones; the gradebook
(``--format csv``) still lists both, each with its ``roster_note``.
"""
from __future__ import annotations

from grader.reporters.protocol import Refused
from grader.results import SubmissionResult


class NeedsRoster(Refused):
    """No submission matched a roster entry: no row could be matched to an LMS user."""


class SharedStudent(Refused):
    """Two or more submissions map to one roster student: the import would keep one row and drop the others."""


def rows(results: list[SubmissionResult], fmt: str,
         why_roster: str) -> list[tuple[SubmissionResult, dict[str, str]]]:
    """The results that get a row (those with a roster student), in order, each with its student;
    refused without any, or when one student has several. ``why_roster``: why this LMS needs one, for
    the message."""
    mine = [(r, r.student) for r in results if r.student]
    if not mine:
        raise NeedsRoster(f"--format {fmt} needs {why_roster}; no submission matched a roster entry")
    by_id: dict[str, list[str]] = {}
    for r, student in mine:
        by_id.setdefault(student["id"], []).append(r.submission)
    twice = {sid: subs for sid, subs in by_id.items() if len(subs) > 1}
    if twice:
        which = "; ".join(f"student {sid}: {', '.join(subs)}" for sid, subs in twice.items())
        raise SharedStudent(f"--format {fmt}: several submissions map to one roster student ({which}); the "
                            f"{fmt.capitalize()} import would take one of their rows, with nothing saying which. Keep "
                            "one "
                            "submission per student (move the others out of the class folder) or fix the roster, "
                            "then run again")
    return mine

"""Whose each submission is, as far as its name tells: the identifier every report, the roster and the
late-day extensions match on (the folder or zip name, what a TA matches against a GitHub Classroom
roster's ``identifier`` / ``github_username``).

Here, below the results and the reporters, because the pipeline (``run.schedule``), ``--compare``, the
similarity check and every format name a submission the same way.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Protocol


class Handed(Protocol):
    """Anything that names the submission it is about (a :class:`grader.results.SubmissionResult`)."""

    @property
    def submission(self) -> str: ...


def identifier(submission: str) -> str:
    name = PurePath(submission.rstrip("/")).name
    return name[:-4] if name.lower().endswith(".zip") else name


def identifiers(results: Sequence[Handed]) -> list[str]:
    """Each submission's identifier, unique within the report (:func:`unique_identifiers`)."""
    return unique_identifiers([r.submission for r in results])


def unique_identifiers(submissions: list[str]) -> list[str]:
    """Identifiers of these submission paths, unique among them: ``erin/`` and ``erin.zip`` would both
    be ``erin``, so a zip whose name collides keeps its ``.zip`` (and any remaining twin its path)."""
    names = [identifier(s) for s in submissions]
    seen = {n: names.count(n) for n in names}
    out = [PurePath(s.rstrip("/")).name if seen[n] > 1 else n for s, n in zip(submissions, names, strict=True)]
    if len(set(out)) < len(out):
        out = [s if out.count(o) > 1 else o for s, o in zip(submissions, out, strict=True)]
    return out

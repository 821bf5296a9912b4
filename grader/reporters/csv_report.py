"""``--format csv``: the gradebook, one row per submission.

Columns: ``identifier`` (the submission's folder or zip name, what a TA matches
against a GitHub Classroom roster's ``identifier`` / ``github_username``), one
score column per assignment, ``total``, ``max_score``, ``status`` (``complete``,
or which assignments are missing or in error) and ``grader_version``. Written as
UTF-8 with a byte-order mark so that spreadsheet programs show Korean names.
"""
from __future__ import annotations

import csv
from pathlib import PurePath
from typing import TextIO

from grader.messages import Language
from grader.results import SubmissionResult

BOM = "\ufeff"


def identifier(submission: str) -> str:
    name = PurePath(submission.rstrip("/")).name
    return name[:-4] if name.lower().endswith(".zip") else name


def status(r: SubmissionResult) -> str:
    missing = [a.id for a in r.assignments if a.status == "missing"]
    errors = [a.id for a in r.assignments if a.status == "error"]
    parts = ([f"missing: {' '.join(missing)}"] if missing else []) + ([f"error: {' '.join(errors)}"] if errors else [])
    return "; ".join(parts) or "complete"


def _num(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".")


def write(results: list[SubmissionResult], out: TextIO, language: Language, single: bool,
          options: dict | None = None) -> None:
    ids = list(dict.fromkeys(a.id for r in results for a in r.assignments))
    out.write(BOM)
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["identifier", *ids, "total", "max_score", "status", "grader_version"])
    for r in results:
        by_id = {a.id: a for a in r.assignments}
        w.writerow([identifier(r.submission), *(_num(by_id[i].score) if i in by_id else "" for i in ids),
                    _num(r.score), _num(r.max_score), status(r), r.grader_version])

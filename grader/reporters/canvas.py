"""``--format canvas``: the CSV that Canvas's gradebook import reads (Grades > Import).

The layout follows the rules of Canvas's own importer (instructure/canvas-lms,
``app/models/gradebook_importer.rb``), not just the help pages:

* The header's first cell contains ``Student`` and its second ``ID``. Then come ``SIS User ID``
  and ``SIS Login ID``, and the student columns end with ``Section``. Every later column is an
  assignment: it matches an existing one by ``Title (id)`` or by its title, else Canvas creates
  it. Titles must avoid ``Current Score``, ``Final Grade`` and the like, which Canvas drops.
  Assignment ids such as ``a01_perceptron`` are safe.
* A row whose first cell contains ``Points Possible`` gives new assignments their points.
* A student row is matched by ``ID`` (Canvas's user ID, which only a Canvas roster has), then
  ``SIS User ID``, then ``SIS Login ID``, then the name.
* A blank cell changes nothing. So an assignment without a score (a grader problem) is blank,
  and Canvas keeps what it had.
* Canvas compares scores at two decimals, so scores are written with two at most.

It needs a roster (``grade --roster``), because without one no row could be matched to a
student. Only submissions with a roster entry get a row; ``grade`` lists the rest on stderr.
Two submissions of one roster student are refused (``reporters.lms``).
"""
from __future__ import annotations

import csv
from typing import TextIO

from grader.reporters.csv_report import spreadsheet_safe
from grader.reporters.lms import rows
from grader.reporters.points import shown
from grader.reporters.protocol import Leaderboard, ReportOptions
from grader.results import SubmissionResult

HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


# What grade asks this format (reporters.Reporter).
NEEDS_ROSTER = True
LEADERBOARD: Leaderboard = "none"
SHOWS_SIMILARITY = False


def write(results: list[SubmissionResult], out: TextIO, options: ReportOptions) -> None:
    mine = rows(results, "canvas", "--roster (Canvas matches rows by its user ID, SIS ID, login or name, which "
                "only a roster gives)")
    ids = list(dict.fromkeys(a.id for r in results for a in r.assignments))
    maxima = {a.id: a.max_score for r in results for a in r.assignments}
    w = csv.writer(out, lineterminator="\n")
    w.writerow([*HEADER, *ids])
    w.writerow(["Points Possible", "", "", "", "", *(shown(maxima[i]) for i in ids)])
    for r, s in mine:
        by_id = {a.id: a for a in r.assignments}
        w.writerow([spreadsheet_safe(s.get(k, "")) for k in ("name", "lms_id", "id", "login", "section")]
                   + [shown(by_id[i].score, none="") if i in by_id else "" for i in ids])

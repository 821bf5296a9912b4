"""``--format moodle``: a CSV for Moodle's grade import (Grades > Import > CSV file).

Moodle is the base of many universities' LMSs (Korean ones among them). Its import lets the
TA map one column to a user field and each other column to a grade item, or to a new one.
The file keeps within the rules of Moodle's own importer (moodle/moodle,
``grade/import/csv/classes/load_data.php``):

* **One row per student Moodle knows.** A row whose user field matches no Moodle user fails
  the whole import. So only submissions with a roster entry get a row, identified by
  ``ID number`` (the student ID, Moodle's ``idnumber``).
* **Grades are blank or a number.** An empty cell or ``-`` means no grade. Anything else that
  is not a number fails the whole import. So an assignment without a score (a grader problem)
  is blank.
* **Nothing over 100 in a new grade item.** A new item's grades may not pass
  ``gradepointmax``, 100 by default. So the file has one column per assignment (each at most
  its points) and no total column.

It needs a roster (``grade --roster``), and refuses two submissions of one roster student
(``reporters.lms``).
"""
from __future__ import annotations

import csv
from typing import TextIO

from grader.reporters.csv_report import spreadsheet_safe
from grader.reporters.lms import rows
from grader.reporters.points import shown
from grader.reporters.protocol import Leaderboard, ReportOptions
from grader.results import SubmissionResult

# What grade asks this format (reporters.Reporter).
NEEDS_ROSTER = True
LEADERBOARD: Leaderboard = "none"
SHOWS_SIMILARITY = False


def write(results: list[SubmissionResult], out: TextIO, options: ReportOptions) -> None:
    mine = rows(results, "moodle", "a roster (Moodle fails the whole import on a row whose user it does not know)")
    ids = list(dict.fromkeys(a.id for r in results for a in r.assignments))
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["ID number", "Full name", *ids])
    for r, student in mine:
        by_id = {a.id: a for a in r.assignments}
        w.writerow([spreadsheet_safe(student["id"]), spreadsheet_safe(student["name"]),
                    *(shown(by_id[i].score, none="") if i in by_id else "" for i in ids)])

"""``--format classroom``: the GitHub Actions log of a student's push, and the points Classroom records.

GitHub Classroom records a grade from two annotations on the job's check run: a notice titled
``Autograding complete`` reading ``Points X/Y`` and one titled ``Autograding report`` holding
``{"totalPoints": X, "maxPoints": Y}``. That is all ``classroom-resources/autograding-grading-reporter``
does in the end (src/notify-classroom.js, ``core.notice``). This format prints those two workflow
commands itself, after the same feedback ``--format text`` gives, so the workflow needs no reporter
step. Why not the reporter: its log and its grade disagree whenever tests have unequal weights.
Its console (src/console-results.js, src/helpers/test-helpers.js) shows passed tests / all tests x
``max_score`` per runner, while the grade it sends is the sum of the tests' ``score`` (summed in
JavaScript, with float noise: ``55.33330000000001``), and every test line ends in
``- line undefined`` unless each test carries a ``line_no``. A student read 91 in the log and
found 55 in Classroom. Here the log's total, the step summary and the notices are one figure,
rounded to two decimals (:func:`grader.reporters.points.shown`).

The notices are printed for one submission whose grade is final. A grade that is not final (an
assignment without a score: a grader problem) prints no notice and ``grade`` exits with status 3,
so the workflow's grading step fails and Classroom records nothing for that push instead of a
made-up score; the log says why. For a class folder this is the text report, without notices.

The feedback is fenced by ``::stop-commands::TOKEN`` ... ``::TOKEN::`` with a token drawn here, after
the student's code has run: the runner processes no workflow command inside, whatever a student's
text slipped past the sanitiser (:mod:`grader.results.sanitize`), and only the notices printed
after the fence are read.
"""
from __future__ import annotations

import json
import secrets
from typing import TextIO

from grader.messages import Message
from grader.reporters import text
from grader.reporters.points import shown
from grader.reporters.protocol import Leaderboard, ReportOptions
from grader.results import SubmissionResult

COMPLETE_TITLE = "Autograding complete"
REPORT_TITLE = "Autograding report"


def _escape_data(value: str) -> str:
    """@actions/core's ``escapeData`` (src/command.ts): a command's message."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    """@actions/core's ``escapeProperty``: a property such as ``title``."""
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def notice(message: str, title: str) -> str:
    """The line ``core.notice(message, {title})`` prints: ``::notice title=...::message``."""
    return f"::notice title={_escape_property(title)}::{_escape_data(message)}\n"


def _number(x: float) -> float | int:
    """Two decimals, and an integer where the figure is whole, as JavaScript's JSON.stringify writes it."""
    value = round(x, 2)
    return int(value) if value == int(value) else value


def notices(r: SubmissionResult) -> str:
    """The two annotations Classroom reads, for a final grade; empty otherwise."""
    if not r.final or r.score is None:
        return ""
    total, most = _number(r.score), _number(r.max_score)
    summary = json.dumps({"totalPoints": total, "maxPoints": most}, separators=(",", ":"))
    return notice(f"Points {shown(r.score)}/{shown(r.max_score)}", COMPLETE_TITLE) + notice(summary, REPORT_TITLE)


# What grade asks this format (reporters.Reporter).
NEEDS_ROSTER = False
LEADERBOARD: Leaderboard = "pseudonym"
SHOWS_SIMILARITY = False


def write(results: list[SubmissionResult], out: TextIO, options: ReportOptions) -> None:
    token = secrets.token_hex(16)
    out.write(f"::stop-commands::{token}\n")
    text.write(results, out, options)
    out.write(f"::{token}::\n")
    if not options.single:
        return
    r = results[0]
    if r.final:
        points = f"{shown(r.score)} / {shown(r.max_score)}"
        out.write(Message(f"GitHub Classroom에 보내는 점수: {points}",
                          f"points sent to GitHub Classroom: {points}").render(options.language) + "\n")
        out.write(notices(r))
    else:
        out.write(Message("GitHub Classroom에 점수를 보내지 않았습니다: 최종 점수가 아닙니다 (채점기 문제). "
                          "다시 실행하면 채점됩니다.",
                          "No points sent to GitHub Classroom: the grade is not final (a grader problem). "
                          "Rerun the workflow to grade it.").render(options.language) + "\n")

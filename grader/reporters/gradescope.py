"""``--format gradescope``: ``/autograder/results/results.json`` as Gradescope's
Autograder Specifications define it (a projection of our JSON, whose field names follow it).

Top level: ``score``, ``execution_time``, ``output``, ``visibility``,
``stdout_visibility``; one ``tests`` entry per hidden test (``name``, ``number``,
``score``, ``max_score``, ``status`` passed/failed, ``output``, ``tags``,
``visibility``) and one per missing or ungradable assignment. Visibilities come
from grading.yml's ``gradescope`` section (hidden tests can stay hidden until grades
are published).

A grade that is not final (an assignment without a score: a grader problem) is never written:
Gradescope's documentation says that without a valid ``results.json`` the submission shows
"The autograder failed to execute correctly" and gets no score, while ``run_autograder``'s
output is kept for the instructor (``/autograder/results/stdout``). That is the right state:
no grade is recorded, the instructor sees why, and "Regrade" after fixing the machine grades
it. :class:`Withheld` tells the CLI so (it writes nothing and exits with status 3).
"""
from __future__ import annotations

import json
from typing import TextIO

from grader.config import GradescopeSettings
from grader.messages import Language
from grader.reporters import lateness, leaderboard
from grader.reporters.protocol import Leaderboard, Refused, ReportOptions
from grader.results import SubmissionResult


class Withheld(Refused):
    """Not written on purpose: the grade is not final (``str()`` says why, for the instructor)."""

    withheld = True


def payload(r: SubmissionResult, settings: GradescopeSettings | None = None, language: Language = "en") -> dict:
    """One submission's ``results.json``; ``settings``: grading.yml's ``gradescope`` section."""
    settings = settings or GradescopeSettings()
    test_visibility = settings.test_visibility
    tests = []
    for i, a in enumerate(r.assignments, 1):
        if a.status != "graded":
            tests.append({"name": f"{a.id}: {a.status}", "number": f"{i}.0", "score": 0.0, "max_score": a.max_score,
                          "status": "failed", "output": a.message, "tags": [a.id, a.status],
                          "visibility": "visible"})
        for j, t in enumerate(a.tests, 1):
            tests.append({"name": f"{a.id}: {t.name}", "number": f"{i}.{j}", "score": t.score,
                          "max_score": t.max_score, "status": "passed" if t.status == "passed" else "failed",
                          "output": t.output, "tags": [a.id, t.status], "visibility": test_visibility})
    lines = [f"{a.id}: {'-' if a.score is None else f'{a.score:g}'}/{a.max_score:g} ({a.status})"
             + (f"\n  {lateness.line(a, language)}" if a.late else "") for a in r.assignments]
    out = {"score": r.score, "execution_time": round(r.execution_time, 2), "output": "\n".join(lines),
           "visibility": settings.visibility, "stdout_visibility": "hidden", "tests": tests}
    board = leaderboard.gradescope_field(r)  # each Keras lab's test accuracy
    if board:
        out["leaderboard"] = board
    return out


# What grade asks this format (reporters.Reporter).
NEEDS_ROSTER = False
LEADERBOARD: Leaderboard = "none"
SHOWS_SIMILARITY = False


def write(results: list[SubmissionResult], out: TextIO, options: ReportOptions) -> None:
    if options.single and not results[0].final:
        raise Withheld("grade not final, results.json not written (Gradescope then records no score): "
                       + "; ".join(results[0].grader_errors)[:2000])
    settings, language = options.gradescope, options.language
    data = (payload(results[0], settings, language) if options.single
            else [payload(r, settings, language) for r in results])
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")

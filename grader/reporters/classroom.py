"""``--format classroom``: what classroom-resources/autograding-grading-reporter reads.

Its contract (src/main.js, src/notify-classroom.js of that action): each runner's step
output ``result`` is base64 of ``{"version": 1, "status": "pass"|"fail"|"error",
"max_score": N, "tests": [{"name", "status", "score", "message"}]}``; the reporter reads
it from the ``<RUNNER>_RESULTS`` variable, and the grade it sends to Classroom is the sum
of the tests' ``score`` over the sum of the runners' ``max_score``. So each hidden test is
one entry carrying its own weighted points, and a missing or ungradable assignment is one
``error`` entry worth 0, so its points still count in ``max_score``.

With one submission, and ``GITHUB_OUTPUT`` set, the base64 is also appended there as
``result=...`` (the step output the reporter expects).

A grade that is not final (an assignment without a score: a grader problem) is never sent:
no ``result`` output is written, and ``grade`` exits with status 3, so the workflow's
grading step fails and the reporter step after it (which has no ``if: always()``) does not
run. Classroom then records nothing for that push instead of a made-up score; the log
and the step summary say why. The payload written to ``-o`` still shows the assignment, as
one ``error`` entry.
"""
from __future__ import annotations

import base64
import json
import os
from typing import TextIO

from grader.messages import Language
from grader.results import SubmissionResult

_STATUS = {"passed": "pass", "failed": "fail", "error": "error", "timeout": "error"}


def payload(r: SubmissionResult) -> dict:
    tests = []
    for a in r.assignments:
        if a.status != "graded":
            tests.append({"name": f"{a.id}: {a.status}", "status": "error", "score": 0,
                          "message": a.message[:2000]})
        if a.score is None:
            continue  # a grader problem: no test of it counts
        mine = [{"name": f"{a.id}: {t.name}", "status": _STATUS[t.status], "score": t.score,
                 "message": t.output[:2000]} for t in a.tests]
        passed = [m for m in mine if m["status"] == "pass"]
        if passed:  # per-test scores are rounded: put the residue on one, so the sum is the assignment's score
            passed[-1]["score"] = round(passed[-1]["score"] + a.score - sum(m["score"] for m in mine), 6)
        tests += mine
    statuses = {t["status"] for t in tests}
    overall = "error" if "error" in statuses else "fail" if "fail" in statuses else "pass"
    return {"version": 1, "status": overall, "max_score": r.max_score, "tests": tests}


def encoded(r: SubmissionResult) -> str:
    return base64.b64encode(json.dumps(payload(r), ensure_ascii=False).encode("utf-8")).decode("ascii")


def write(results: list[SubmissionResult], out: TextIO, language: Language, single: bool,
          options: dict | None = None) -> None:
    data = payload(results[0]) if single else [payload(r) for r in results]
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")
    github_output = os.environ.get("GITHUB_OUTPUT")
    if single and github_output and results[0].final:
        with open(github_output, "a", encoding="utf-8") as f:
            f.write(f"result={encoded(results[0])}\n")

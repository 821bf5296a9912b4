"""GitHub Classroom: the points in the Actions log are the points Classroom records.

Classroom records a push's grade from two notices on the job's check run, the ones
classroom-resources/autograding-grading-reporter prints with ``core.notice`` (src/notify-classroom.js):
``Autograding complete`` with ``Points X/Y`` and ``Autograding report`` with
``{"totalPoints": X, "maxPoints": Y}``. ``grade --format classroom`` prints them itself
(grader/reporters/classroom.py says why there is no reporter step). These tests read the log the
way the Actions runner does (:mod:`toolkit_tests.readers`: workflow commands, ``::notice
key=value::message`` with @actions/core's escaping, the legacy ``##[`` form, ``stop-commands``) and
check it against the JSON report.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from grader.reporters import classroom
from grader.reporters.points import shown
from readers import actions_log as workflow_commands

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / "classroom" / "autograding.yml"
def _grade(sub: str, *args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, "-m", "grader", sub, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def test_the_log_and_the_points_classroom_records_agree(tmp_path):
    sub = "examples/submissions/lee_junho"  # a01-a04 partly right, a05 and a06 missing
    log = _grade(sub, "-f", "classroom", "--language", "en", tmp_path=tmp_path)
    assert log.returncode == 0, log.stderr[-2000:]
    plain = json.loads(_grade(sub, "-f", "json", tmp_path=tmp_path).stdout)
    tests = [t for a in plain["assignments"] for t in a["tests"]]
    # what makes the reporter's console disagree with its grade: unequal weights, a fractional score
    assert len({t["max_score"] for t in tests}) > 1 and plain["score"] != round(plain["score"])

    notices = [(props, message) for name, props, message in workflow_commands(log.stdout) if name == "notice"]
    assert [props for props, _ in notices] == [{"title": "Autograding complete"}, {"title": "Autograding report"}]
    points, report = notices[0][1], json.loads(notices[1][1])
    total, most = shown(plain["score"]), shown(plain["max_score"])
    assert points == f"Points {total}/{most}"
    assert report == {"totalPoints": round(plain["score"], 2), "maxPoints": plain["max_score"]}
    # the feedback above the notices shows the same figure, and nothing a student cannot read
    header = next(line for line in log.stdout.splitlines() if line.startswith("submission:"))
    assert f"{total} / {most}" in header and f"points sent to GitHub Classroom: {total} / {most}" in log.stdout
    assert "undefined" not in log.stdout and not re.search(r"\d\.\d{3,}", points + notices[1][1])
    assert log.stdout.rstrip("\n").splitlines()[-1].startswith("::notice title=Autograding report::")


def test_notices_are_escaped_as_actions_core_escapes_them():
    assert classroom.notice("a%b\r\nc: d, e", "t:1,2%") == "::notice title=t%3A1%2C2%25::a%25b%0D%0Ac: d, e\n"
    assert workflow_commands(classroom.notice("a%b\nc: d, e", "t:1,2%")) == [("notice", {"title": "t:1,2%"},
                                                                              "a%b\nc: d, e")]


def test_workflow_template_is_a_valid_github_workflow():
    r = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                        str(WORKFLOW)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_workflow_prints_the_notices_in_the_log_and_has_no_reporter_step():
    wf = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = wf["jobs"]["run-autograding-tests"]
    assert job["name"] == "Autograding Tests"
    grading = [s for s in job["steps"] if "--format classroom" in s.get("run", "")]
    assert len(grading) == 1
    run = grading[0]["run"].split()
    assert "-o" not in run and "--output" not in run  # the notices must reach the log, not a file
    assert not any("autograding-grading-reporter" in s.get("uses", "") for s in job["steps"])

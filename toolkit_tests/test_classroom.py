"""GitHub Classroom: the reporter decodes our step output, and the workflow template is valid.

The decoding mirrors classroom-resources/autograding-grading-reporter (src/main.js,
parseRunnerResults; src/notify-classroom.js): ``<RUNNER>_RESULTS`` is base64 of the JSON,
the points sent to Classroom are the sum of the tests' ``score`` over the sum of the
runners' ``max_score``.
"""
from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / "classroom" / "autograding.yml"


def test_step_output_decodes_as_the_reporter_decodes_it(tmp_path):
    github_output = tmp_path / "github_output"
    env = {**os.environ, "GITHUB_OUTPUT": str(github_output), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = tmp_path / "classroom.json"
    r = subprocess.run([sys.executable, "-m", "grader", "examples/submissions/lee_junho", "-f", "classroom",
                        "-o", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    (line,) = github_output.read_text().splitlines()
    name, value = line.split("=", 1)
    assert name == "result"
    runner_env = {"DLGRADER_RESULTS": value}  # what the workflow passes to the reporter
    results = json.loads(base64.b64decode(runner_env["dlgrader".upper() + "_RESULTS"]).decode("utf-8"))
    assert results == json.loads(out.read_text(encoding="utf-8"))
    assert results["version"] == 1 and results["status"] in ("pass", "fail", "error")
    assert all({"name", "status", "score", "message"} <= set(t) for t in results["tests"])
    total = sum(t["score"] for t in results["tests"])
    plain = json.loads(subprocess.run([sys.executable, "-m", "grader", "examples/submissions/lee_junho", "-f", "json"],
                                      cwd=ROOT, env=env, capture_output=True, text=True, timeout=300).stdout)
    assert abs(total - plain["score"]) < 1e-6 and results["max_score"] == plain["max_score"]


def test_workflow_template_is_a_valid_github_workflow():
    r = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                        str(WORKFLOW)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_workflow_wires_the_grader_to_the_reporter():
    wf = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = wf["jobs"]["run-autograding-tests"]
    assert job["name"] == "Autograding Tests"  # the reporter looks up its check run by this name
    steps = {s.get("id"): s for s in job["steps"]}
    assert "--format classroom" in steps["dlgrader"]["run"]
    reporter = next(s for s in job["steps"] if s.get("uses", "").startswith("classroom-resources/autograding-grading-reporter"))
    runners = [r.strip() for r in reporter["with"]["runners"].split(",")]
    for runner in runners:
        assert reporter["env"][f"{runner.upper()}_RESULTS"] == f"${{{{ steps.{runner}.outputs.result }}}}"

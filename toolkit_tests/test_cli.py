"""``grade`` never shows a traceback: one clear line and exit 2 when it cannot run, else exit 0."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(tempfile.mkdtemp(prefix="dlgrader-test-cache-"))


def grade(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(CACHE)}  # never the user's own results cache
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=env)


@pytest.mark.parametrize("args, needle", [
    (["/no/such/submission"], "/no/such/submission: no such file or folder"),
    (["reference", "--config", "/no/grading.yml"], "/no/grading.yml: config file not found"),
    (["reference", "--assignment", "a09_nothing"], "--assignment a09_nothing: no such assignment"),
    (["pyproject.toml"], "expected a submission folder or a .zip file"),
])
def test_cannot_run_is_one_line_exit_2(args, needle):
    r = grade(*args)
    assert r.returncode == 2
    assert needle in r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert len(r.stderr.strip().splitlines()) == 1


def test_bad_config_is_one_line(tmp_path):
    cfg = tmp_path / "grading.yml"
    cfg.write_text("version: 1\nlanguage: kr\nassignments: {}\n", encoding="utf-8")
    r = grade("reference", "--config", str(cfg))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith("grade: error: ") and len(r.stderr.strip().splitlines()) == 1


def test_reference_full_marks_json_to_file(tmp_path):
    out = tmp_path / "out.json"
    r = grade("reference", "--format", "json", "-o", str(out))
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["score"] == data["max_score"] > 0
    assert data["format_version"] == 2 and data["grader_version"]
    assert {a["status"] for a in data["assignments"]} == {"graded"}
    for a in data["assignments"]:
        assert all(t["status"] == "passed" for t in a["tests"])
    assert not list(tmp_path.glob(".*.part"))


def test_stubs_zero_with_not_implemented_in_english():
    r = grade("assignments", "--format", "json", "--language", "en")
    data = json.loads(r.stdout)
    assert data["score"] == 0
    for a in data["assignments"]:
        assert a["tests"] and all("not implemented yet" in t["output"] for t in a["tests"])
        assert all("아직" not in t["output"] for t in a["tests"])


def test_text_report_is_readable_and_many_paths_give_a_list(tmp_path):
    r = grade("reference", "assignments", "--assignment", "a01_perceptron")
    assert r.returncode == 0
    assert "reference" in r.stdout and "assignments" in r.stdout
    assert "19/19 통과 (tests passed)" in r.stdout and "실패 (failed)" in r.stdout
    assert "not implemented yet" in r.stdout
    r = grade("reference", "assignments", "-a", "a01_perceptron", "-f", "json")
    data = json.loads(r.stdout)
    assert isinstance(data, list) and [d["score"] for d in data] == [20, 0]


def test_unwritable_output_is_one_line(tmp_path):
    r = grade("reference", "-a", "a01_perceptron", "-o", str(tmp_path / "missing" / "dir" / "out.txt"))
    assert r.returncode == 2 and "cannot write report" in r.stderr and "Traceback" not in r.stderr

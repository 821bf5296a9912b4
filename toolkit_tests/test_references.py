"""Two assignments, each with its own ``layers.py`` and a hidden suite of the same file name.

A hidden test reaches its reference by plain import (``import layers as ref``); with every
reference folder on one ``sys.path`` the second assignment silently got the first one's file,
and a second ``test_hidden_layers.py`` failed collection ("import file mismatch"). Each check
below fails on either of those: a test that sees another assignment's reference fails its
assertion, and a collection error leaves the assignment without a score.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
IDS = ("a91_first", "a92_second")

HIDDEN = '''\
"""Each assignment's tests see that assignment's reference, and its student's module."""
from pathlib import Path

import layers as ref
import net as ref_net

MINE = Path(__file__).parent.name


def test_reference_is_mine():
    assert ref.WHO == MINE, f"{MINE}'s test imported {ref.WHO}'s layers.py"


def test_reference_imports_its_own_layers():
    assert ref_net.who() == MINE, f"{MINE}'s net.py imported {ref_net.who()}'s layers.py"


def test_import_inside_a_test_finds_mine():
    import layers

    assert layers.WHO == MINE


def test_student_module(submission):
    assert submission.net.who() == MINE
'''


def make_course(root: Path) -> Path:
    course = root / "course"
    assignments = {}
    for aid in IDS:
        tests = course / "tests" / aid
        tests.mkdir(parents=True)
        (tests / "test_hidden_layers.py").write_text(HIDDEN, encoding="utf-8")
        ref = course / "reference" / aid
        ref.mkdir(parents=True)
        (ref / "layers.py").write_text(f"WHO = {aid!r}\n", encoding="utf-8")
        (ref / "net.py").write_text("from layers import WHO\n\n\ndef who():\n    return WHO\n", encoding="utf-8")
        assignments[aid] = {"title": {"ko": aid, "en": aid}, "files": ["layers.py", "net.py"],
                            "tests": {"test_reference_is_mine": 1, "test_reference_imports_its_own_layers": 1,
                                      "test_import_inside_a_test_finds_mine": 1, "test_student_module": 1}}
    data = {"version": 1, "language": "en", "defaults": {"time_limit": 60}, "assignments": assignments}
    (course / "grading.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return course


def test_grading_gives_each_assignment_its_own_reference(tmp_path):
    course = make_course(tmp_path)
    r = subprocess.run([sys.executable, "-m", "grader", str(course / "reference"), "--course", str(course),
                        "--no-cache", "-f", "json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    result = json.loads(r.stdout)
    got = {a["id"]: (a["status"], a["score"], [t["output"] for t in a["tests"] if t["status"] != "passed"])
           for a in result["assignments"]}
    assert got == {aid: ("graded", 4.0, []) for aid in IDS}


def test_the_suites_pass_on_their_references_from_the_course_root(tmp_path):
    """Suite mode (pytest from the course folder, as the toolkit's own run does for tests/)."""
    course = make_course(tmp_path)
    (course / "pytest.ini").write_text("[pytest]\naddopts = -p grader.oracle.plugin -p no:cacheprovider "
                                       "--import-mode=importlib\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "tests"], cwd=course, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0 and "8 passed" in r.stdout, r.stdout[-3000:] + r.stderr[-2000:]

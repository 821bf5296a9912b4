"""Whole-class grading: a class folder of mixed submissions, every output format, the cache.

Field lists checked (issue: whole-class grading):
* JUnit XML: the Jenkins/Ant JUnit schema (``junit-10.xsd`` as pytest's own suite uses it):
  ``testsuites`` > ``testsuite`` (name, tests, failures, errors, skipped, time) > ``properties``
  > ``property`` (name, value) and ``testcase`` (name, classname, time) > ``failure``/``error``
  (message, type, text).
* CSV: one row per student; ``identifier`` matches a GitHub Classroom roster's identifier column.
* Gradescope: the Autograder Specifications' results.json: ``score``, ``execution_time``,
  ``output``, ``visibility``, ``stdout_visibility``, ``tests[]`` with ``name``, ``number``,
  ``score``, ``max_score``, ``status`` (passed/failed), ``output``, ``tags``, ``visibility``.
* Classroom: for a class folder, the text report per student with the same totals and no
  ``::notice`` (those are for one student's push: test_classroom.py).
"""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from corpus import NUMPY_ONLY, ROOT, build, entries
from grader.reporters.points import shown

ENTRIES = ["correct/reference", "correct/stubs", "wrong/softmax_no_shift", "hostile/os_exit_at_import",
           "broken/missing_a02", "correct/zip_wrapped"]


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """A class folder: six students (one a zip), a note the grader must ignore, a hidden folder."""
    root = tmp_path_factory.mktemp("class") / "dl-2026"
    root.mkdir()
    by_id = {e.id: e for e in entries()}
    for i, eid in enumerate(ENTRIES):
        built = build(by_id[eid], tmp_path_factory.mktemp(f"s{i}"), {"ROOT": ROOT})
        name = f"student{i:02d}" + (".zip" if built.suffix == ".zip" else "")
        (shutil.copy if built.is_file() else shutil.copytree)(built, root / name)
    (root / "notes.txt").write_text("not a submission")
    (root / ".git").mkdir()
    return root


def grade(*args, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", *args, "--cache-dir", str(cache)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def outputs(klass, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    cache = out / "cache"
    files = {}
    for fmt in ("json", "csv", "markdown", "junit", "text", "classroom", "gradescope"):
        files[fmt] = out / f"grades.{fmt}"
        r = grade(str(klass), "--format", fmt, "-o", str(files[fmt]), "--jobs", "2", cache=cache)
        assert r.returncode == 0, r.stderr[-2000:]
        files[fmt + ".stderr"] = r.stderr
    return files


def test_class_folder_is_detected_and_every_student_has_a_row(outputs):
    data = json.loads(outputs["json"].read_text(encoding="utf-8"))
    assert isinstance(data, list)
    names = [Path(d["submission"]).name for d in data]
    assert names == [f"student{i:02d}" + (".zip" if e.endswith("zip_wrapped") else "") for i, e in enumerate(ENTRIES)]
    scores = {Path(d["submission"]).stem: d["score"] for d in data}
    assert scores["student00"] == 153 and scores["student01"] == 0
    assert scores["student05"] == 50  # the zip carries a01 and a02 only
    assert scores["student03"] == 30  # os._exit at import costs a01 (20); a02 beside it is graded fully
    assert "graded 6 submission(s)" in outputs["json.stderr"]


def test_csv_gradebook_agrees_with_json(outputs):
    data = json.loads(outputs["json"].read_text(encoding="utf-8"))
    raw = outputs["csv"].read_text(encoding="utf-8")
    assert raw.startswith("\ufeff")  # spreadsheet programs need it for Korean text
    rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"))))
    assert [r["identifier"] for r in rows] == [Path(d["submission"]).stem for d in data]
    for row, d in zip(rows, data, strict=True):
        assert float(row["total"]) == pytest.approx(d["score"], abs=1e-3)
        for a in d["assignments"]:
            assert float(row[a["id"]]) == pytest.approx(a["score"], abs=1e-3)
    assert rows[4]["status"] == ("missing: a02_activations a03_losses a04_gradient a05_backprop a09_forward_pass "
                                "a11_cnn_layers a10_optimizers a06_fashion_mnist a07_keras_xor a08_fashion_cnn")


def test_junit_follows_the_field_list_and_agrees(outputs):
    data = json.loads(outputs["json"].read_text(encoding="utf-8"))
    tree = ET.parse(outputs["junit"])
    root = tree.getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == sum(len(d["assignments"]) for d in data)
    for suite in suites:
        assert {"name", "tests", "failures", "errors", "skipped", "time"} <= set(suite.attrib)
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases)
        assert int(suite.get("errors")) == sum(c.find("error") is not None for c in cases)
        for c in cases:
            assert {"name", "classname", "time"} <= set(c.attrib)
            for bad in c:
                if bad.tag in ("failure", "error"):
                    assert {"message", "type"} <= set(bad.attrib)
        props = {p.get("name"): p.get("value") for p in suite.find("properties")}
        who, aid = suite.get("name").split("/")
        d = next(d for d in data if Path(d["submission"]).stem == who)
        a = next(a for a in d["assignments"] if a["id"] == aid)
        assert float(props["score"]) == pytest.approx(a["score"]) and props["status"] == a["status"]


def test_markdown_and_text_mention_every_student(outputs):
    md = outputs["markdown"].read_text(encoding="utf-8")
    assert md.startswith("| student |")
    for i in range(len(ENTRIES)):
        assert f"student{i:02d}" in md and f"student{i:02d}" in outputs["text"].read_text(encoding="utf-8")
    assert "```text" in md


def test_rerun_uses_the_cache_and_force_regrades(klass, tmp_path):
    cache = tmp_path / "cache"
    first = grade(str(klass), *NUMPY_ONLY, "--format", "csv", "--jobs", "2", cache=cache)
    again = grade(str(klass), *NUMPY_ONLY, "--format", "csv", "--jobs", "2", cache=cache)
    forced = grade(str(klass), *NUMPY_ONLY, "--format", "csv", "--jobs", "2", "--force", cache=cache)
    assert first.stdout == again.stdout == forced.stdout
    assert "(6 unchanged, from the cache)" in again.stderr
    assert "(0 unchanged, from the cache)" in forced.stderr
    (klass / "student01" / "a01_perceptron" / "perceptron.py").write_text(
        (ROOT / "reference" / "a01_perceptron" / "perceptron.py").read_text())
    changed = grade(str(klass), *NUMPY_ONLY, "--format", "csv", "--jobs", "2", cache=cache)
    assert "(5 unchanged, from the cache)" in changed.stderr


def test_interrupted_run_leaves_no_gradebook(klass, tmp_path):
    out = tmp_path / "grades.csv"
    import signal
    import time

    # A background job of a non-interactive shell inherits SIGINT ignored, and Python keeps it so;
    # restore the default in the child so that Ctrl-C is what this test sends, wherever it runs.
    proc = subprocess.Popen([sys.executable, "-m", "grader", str(klass), "-f", "csv", "-o", str(out), "--no-cache"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=120)
    assert not out.exists() and not list(tmp_path.glob(".*.part"))


VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}


def test_gradescope_and_classroom_agree_with_json(outputs):
    data = json.loads(outputs["json"].read_text(encoding="utf-8"))
    gs = json.loads(outputs["gradescope"].read_text(encoding="utf-8"))
    cl = outputs["classroom"].read_text(encoding="utf-8")
    assert len(gs) == len(data)
    assert "::notice" not in cl  # a class folder is the TA's run: nothing for Classroom to record
    heads = [line for line in cl.splitlines() if line.startswith(("submission:", "제출물:"))]
    assert len(heads) == len(data)
    for d, g, head in zip(data, gs, heads, strict=True):
        assert g["score"] == pytest.approx(d["score"], abs=1e-6)
        assert {"score", "execution_time", "output", "visibility", "stdout_visibility", "tests"} <= set(g)
        assert g["visibility"] in VISIBILITIES and g["stdout_visibility"] in VISIBILITIES
        for t in g["tests"]:
            assert {"name", "number", "score", "max_score", "status", "output", "tags", "visibility"} <= set(t)
            assert t["status"] in ("passed", "failed") and t["visibility"] in VISIBILITIES
        assert sum(t["max_score"] for t in g["tests"]) == pytest.approx(d["max_score"], abs=1e-3)
        assert sum(t["score"] for t in g["tests"]) == pytest.approx(d["score"], abs=1e-3)
        assert f"{shown(d['score'])} / {shown(d['max_score'])}" in head

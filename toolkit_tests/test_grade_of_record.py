"""A grade of record you can trust: a grader problem never becomes a grade, in any format.

* The data set absent (and nothing installed or downloaded, ``--offline``): a06 has status
  ``grader_error`` and no score, its architecture tests still run from the saved config, the
  problem is said once, the CSV cell and total are empty, the row's status says so, and
  ``grade`` exits with 3; every other assignment is graded.
* A bug in a hidden test, through the CLI: exit 3; Gradescope gets no results.json (its
  documented "failed to execute" state records no score); Classroom gets no step output.
* ``--compare`` lists each student whose score changed, by test, after a points change.
* A wheel built from the project, installed into a fresh virtual environment, grades from a
  course folder found as pytest finds its rootdir; outside one, the error says where it looked.
* Installed without the ``[keras]`` extra: a01-a05 graded in full, a06 a grader problem that says
  what to install.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from corpus import ROOT, is_root
from test_grader_errors import BUGGY

GRADE = [sys.executable, "-m", "grader"]


def _course_copy(tmp_path: Path, edit=None) -> Path:
    """A course folder: its own grading.yml (edited by ``edit``), the real tests/ and reference/."""
    course = tmp_path / "course"
    course.mkdir()
    data = yaml.safe_load((ROOT / "grading.yml").read_text(encoding="utf-8"))
    if edit:
        edit(data, course)
    (course / "grading.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for name in ("tests", "reference"):
        if not (course / name).exists():
            (course / name).symlink_to(ROOT / name)
    return course


# ----------------------------------------------------------------- the data set absent
@pytest.mark.skipif(not is_root() or not shutil.which("unshare"), reason="hiding the data set needs root and unshare")
def test_without_the_data_a06_has_no_score_and_grade_exits_3(tmp_path):
    out = tmp_path / "grades.csv"
    js = tmp_path / "grades.json"
    sub = ROOT / "examples" / "submissions" / "kim_minji"
    env = {**os.environ, "HOME": str(tmp_path), "KERAS_HOME": str(tmp_path / "keras"),
           "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    env.pop("FASHION_MNIST_DIR", None)
    hide = 'mount -t tmpfs tmpfs /usr/share/datasets && exec "$@"'
    runs = []
    for fmt, path in (("csv", out), ("json", js)):
        cmd = ["unshare", "-m", "--propagation", "private", "sh", "-c", hide, "sh", *GRADE, str(sub),
               "--offline", "--no-cache", "--no-plots", "-f", fmt, "-o", str(path)]
        runs.append(subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900))
    for r in runs:
        assert r.returncode == 3, r.stderr[-2000:]
        assert "a06_fashion_mnist cannot be graded on this machine" in r.stderr and "not final" in r.stderr
    row = next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    # both labs that train on Fashion-MNIST; a07's XOR data is built in, so it is graded
    assert row["a06_fashion_mnist"] == row["a08_fashion_cnn"] == row["total"] == ""
    assert row["status"] == "grader_error: a06_fashion_mnist a08_fashion_cnn" and row["a07_keras_xor"] == "10"
    assert row["a01_perceptron"] == "20" and row["a05_backprop"] == "33"
    result = json.loads(js.read_text(encoding="utf-8"))
    a06 = next(a for a in result["assignments"] if a["id"] == "a06_fashion_mnist")
    assert a06["status"] == "grader_error" and a06["score"] is None and result["score"] is None
    # once (per language: Korean, then the English below it), not once per test at full length
    lines = a06["message"].splitlines()
    assert len(lines) <= 2 and all(line.count("Fashion-MNIST not found") == 1 for line in lines), lines
    by_test = {t["nodeid"].split("::")[-1]: t for t in a06["tests"]}
    for name in ("test_model_compiled_for_integer_labels", "test_input_and_output_shapes",
                 "test_hidden_layers_128_and_32", "test_dropout_into_128_layer", "test_softmax_output_layer",
                 "test_epochs_and_batch_size"):
        assert by_test[name]["status"] == "passed", (name, by_test[name]["output"][:300])
    assert all("Fashion-MNIST" not in t["output"] for t in a06["tests"])


# ----------------------------------------------------------------- a hidden test with a bug, per format
@pytest.fixture(scope="module")
def buggy_course(tmp_path_factory):
    def edit(data: dict, course: Path) -> None:
        suite = course / "tests" / "a01_perceptron"
        suite.mkdir(parents=True)
        source = (ROOT / "tests" / "a01_perceptron" / "test_hidden_perceptron.py").read_text(encoding="utf-8")
        line = '    originals = {g: mod._attr_ref(g) for g in ("NAND", "OR", "AND")}'
        (suite / "test_hidden_perceptron.py").write_text(source.replace(line, BUGGY), encoding="utf-8")
        for other in data["assignments"]:
            if other != "a01_perceptron":
                data["assignments"][other]["tests_dir"] = str(ROOT / "tests" / other)

    return _course_copy(tmp_path_factory.mktemp("buggy"), edit)


def _grade(course: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*GRADE, str(ROOT / "reference"), "-a", "a01_perceptron", "-a", "a02_activations",
                                   "--no-cache", "--course", str(course), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)


def test_a_grader_problem_is_no_grade_in_csv_json_and_text(buggy_course, tmp_path):
    out = tmp_path / "g.csv"
    r = _grade(buggy_course, "-f", "csv", "-o", str(out))
    assert r.returncode == 3 and "not final" in r.stderr
    row = next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert (row["a01_perceptron"], row["a02_activations"], row["total"]) == ("", "30", "")
    assert row["status"] == "grader_error: a01_perceptron"
    text = _grade(buggy_course, "--language", "en")
    assert text.returncode == 3 and "NOT FINAL" in text.stdout


def test_gradescope_gets_no_results_json(buggy_course, tmp_path):
    out = tmp_path / "results.json"
    r = _grade(buggy_course, "-f", "gradescope", "-o", str(out))
    assert r.returncode == 3 and not out.exists()
    assert "results.json not written" in r.stdout and "KeyError" in r.stdout  # for the instructor's log


def test_classroom_records_nothing_for_a_grade_that_is_not_final(buggy_course, tmp_path):
    r = _grade(buggy_course, "-f", "classroom", "--language", "en")
    assert r.returncode == 3  # the workflow's grading step fails
    assert "::notice" not in r.stdout and "No points sent to GitHub Classroom" in r.stdout
    sound = _grade(ROOT, "-f", "classroom")
    assert sound.returncode == 0 and "::notice title=Autograding complete::Points " in sound.stdout


# ----------------------------------------------------------------- --compare
def test_compare_lists_who_changed_after_a_points_change(tmp_path):
    klass = tmp_path / "class"
    for name, source in (("kim", ROOT / "reference"), ("lee", ROOT / "assignments")):
        shutil.copytree(source / "a01_perceptron", klass / name / "a01_perceptron",
                        ignore=shutil.ignore_patterns("__pycache__", "test_*"))
    before = tmp_path / "before.json"
    r = subprocess.run([*GRADE, str(klass), "-a", "a01_perceptron", "-f", "json", "-o", str(before), "--no-cache"],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]

    def more_for_xor(data: dict, course: Path) -> None:
        data["assignments"]["a01_perceptron"]["tests"]["test_xor"] = 8

    course = _course_copy(tmp_path, more_for_xor)
    after = subprocess.run([*GRADE, str(klass), "-a", "a01_perceptron", "--course", str(course), "-f", "csv",
                                    "-o", str(tmp_path / "after.csv"), "--no-cache", "--compare", str(before)],
                           cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert after.returncode == 0, after.stderr[-2000:]
    assert "changes since" in after.stderr and "1 student(s)" in after.stderr
    line = next(ln for ln in after.stderr.splitlines() if ln.strip().startswith("kim:"))
    assert "20 -> 24" in line and "test_xor[00] 1 -> 2" in line
    assert not any(ln.strip().startswith("lee:") for ln in after.stderr.splitlines())  # 0 -> 0: unchanged
    again = subprocess.run([*GRADE, str(klass), "-a", "a01_perceptron", "--course", str(course), "-f", "csv",
                                    "--no-cache", "--compare", str(tmp_path / "after.csv")],
                           cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert "changes since" in again.stderr and ": none" in again.stderr


# ----------------------------------------------------------------- an installable tool with a course folder
def _see_this_environment(py: Path) -> None:
    """Let the venv at ``py`` import this interpreter's packages. ``--system-site-packages`` reaches
    only the base interpreter's: run from a virtualenv (the README's test command in a fresh venv),
    the packages installed there (junitparser, numpy, ...) would be missing. Listed in a ``.pth``
    after the venv's own site-packages, so the wheel installed there is the grader imported (this
    environment's editable install is a ``.pth`` of its own, which a listed path does not run)."""
    import site

    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True, timeout=60).stdout.strip()
    (Path(purelib) / "_this_environment.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")


def test_a_wheel_in_a_fresh_venv_grades_from_a_course_folder(tmp_path):
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist),
                            str(ROOT)], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(dist.glob("dlgrader-*.whl"))
    venv = tmp_path / "venv"
    # The heavy dependencies come from this interpreter's site-packages; the grader only from the wheel.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    py = venv / "bin" / "python"
    _see_this_environment(py)
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, timeout=600)
    where = subprocess.run([str(py), "-c", "import grader; print(grader.__file__)"], capture_output=True, text=True,
                           cwd=tmp_path)
    assert str(venv) in where.stdout, where.stdout
    grade = venv / "bin" / "grade"
    course_sub = ROOT / "examples" / "submissions" / "kim_minji"
    inside = subprocess.run([str(grade), str(course_sub), "-a", "a01_perceptron", "--no-cache", "-f", "json"],
                            cwd=ROOT / "examples", capture_output=True, text=True, timeout=600)
    assert inside.returncode == 0, inside.stderr[-2000:]  # the course folder found above the current one
    assert json.loads(inside.stdout)["score"] == 20
    outside = subprocess.run([str(grade), str(course_sub), "-a", "a01_perceptron"], cwd=tmp_path,
                             capture_output=True, text=True, timeout=600,
                             env={k: v for k, v in os.environ.items() if k != "DLGRADER_COURSE"})
    assert outside.returncode == 2
    assert f"looked in {tmp_path}" in outside.stderr and "--course DIR" in outside.stderr
    by_env = subprocess.run([str(grade), str(course_sub), "-a", "a01_perceptron", "--no-cache", "-f", "json"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "DLGRADER_COURSE": str(ROOT)})
    assert by_env.returncode == 0 and json.loads(by_env.stdout)["score"] == 20


# ----------------------------------------------------------------- a course without the Keras kit's libraries
def test_without_the_keras_extra_a01_a05_are_graded_and_a06_is_a_grader_problem(tmp_path):
    """``pip install dlgrader`` (no ``[keras]``) in a fresh environment: no TensorFlow, no Keras. The numpy
    assignments are graded in full; a06 has no score and says what to install, and nothing of it runs
    (the student's ``import tensorflow`` failing must not look like the student's mistake)."""
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist),
                            str(ROOT)], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(dist.glob("dlgrader-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)  # nothing from this Python
    py = venv / "bin" / "python"
    install = subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True,
                             timeout=900)
    assert install.returncode == 0, install.stderr[-2000:]
    probe = subprocess.run([str(py), "-c", "import importlib.util as u; print(u.find_spec('tensorflow'), "
                            "u.find_spec('keras'))"], capture_output=True, text=True, timeout=60)
    assert probe.stdout.split() == ["None", "None"], probe.stdout
    sub = ROOT / "examples" / "submissions" / "kim_minji"
    r = subprocess.run([str(venv / "bin" / "grade"), str(sub), "--course", str(ROOT), "--no-cache", "--no-plots",
                        "-f", "json", "--language", "en"], cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert r.returncode == 3, r.stderr[-2000:]
    result = json.loads(r.stdout)
    by_id = {a["id"]: a for a in result["assignments"]}
    labs = [by_id.pop(aid) for aid in ("a06_fashion_mnist", "a07_keras_xor", "a08_fashion_cnn")]  # kit: keras
    assert all(a["status"] == "graded" and a["score"] == a["max_score"] for a in by_id.values()), by_id
    for lab in labs:
        assert lab["status"] == "grader_error" and lab["score"] is None and lab["tests"] == []
        assert "pip install 'dlgrader[keras]'" in lab["message"] and "tensorflow" in lab["message"]
    only = subprocess.run([str(venv / "bin" / "grade"), str(sub), "--course", str(ROOT), "--no-cache", "-f", "json",
                           *[x for aid in by_id for x in ("-a", aid)]], cwd=tmp_path, capture_output=True, text=True,
                          timeout=900)
    assert only.returncode == 0 and json.loads(only.stdout)["score"] == sum(a["max_score"] for a in by_id.values())

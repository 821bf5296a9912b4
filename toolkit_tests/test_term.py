"""A TA's term, end to end (docs/term.md): the class examples/term/make_class.py
builds from the corpus (real public code in GitHub Classroom clones with dated commits, an LMS zip,
a hostile repository, a stranger, an absent student), graded with the roster, deadlines, an
extension and the LMS's times, compared for similarity, and written as the class report and an
LMS import. The numpy labs only (a01-a05): the Keras labs' own tests train their models."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from grader.reporters.points import shown

ROOT = Path(__file__).resolve().parent.parent
LABS = ["-a", "a01_perceptron", "-a", "a02_activations", "-a", "a03_losses", "-a", "a04_gradient", "-a", "a05_backprop"]


def _grade(course: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=course, capture_output=True, text=True,
                          timeout=900)


@pytest.fixture(scope="module")
def term(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("term") / "term"
    subprocess.run([sys.executable, str(ROOT / "examples" / "term" / "make_class.py"), str(out)], check=True,
                   capture_output=True, timeout=300)
    course = out / "course"
    cache = ["--cache-dir", str(out / "cache"), "--no-plots"]
    graded = _grade(course, "../class", *LABS, "-f", "json", *cache)
    assert graded.returncode == 0, graded.stderr[-3000:]
    return {"course": course, "cache": cache, "json": json.loads(graded.stdout), "stderr": graded.stderr}


def _by(term: dict) -> dict[str, dict]:
    return {(d["student"] or {}).get("name") or Path(d["submission"]).name: d for d in term["json"]}


def _a(result: dict, aid: str) -> dict:
    return next(a for a in result["assignments"] if a["id"] == aid)


def test_the_roster_names_everyone_and_the_stranger_and_the_absent_are_listed(term):
    err = term["stderr"]
    assert "9 of 10 submission(s) matched on github_username" in err
    assert "1 submission(s) without a roster entry: dl-course-ghost77" in err
    assert "1 roster entry without a submission: 윤민석 (20261243)" in err


def test_late_days_extensions_and_lms_times_are_applied(term):
    by = _by(term)
    lee = _a(by["이준호"], "a03_losses")                     # 26 h late: 2 started days, 20 % off
    assert (lee["late"]["days_late"], lee["late"]["penalty"]) == (2, 20.0)
    assert lee["score"] == round(lee["late"]["unpenalised_score"] * 0.8, 4)
    park = _a(by["박서연"], "a05_backprop")                   # 5 days late: capped at 50 %
    assert (park["late"]["days_late"], park["late"]["penalty"]) == (5, 50.0)
    choi = _a(by["최유나"], "a04_gradient")                   # late, but with 3 days' extension
    assert choi["late"]["days_late"] == 0 and choi["late"]["extension"] == "+3 days"
    kang = _a(by["강하나"], "a03_losses")                     # the zip: its time from times.csv
    assert kang["late"]["source"] == "times file times.csv" and kang["late"]["days_late"] == 1
    kim = by["김민지"]                                        # the reference, on time: full marks
    assert kim["score"] == kim["max_score"] and all(a["late"]["days_late"] == 0 for a in kim["assignments"])
    # a later lab's commit does not make an earlier lab late, in one repository for the whole course
    assert all(a["late"] is None or a["late"]["days_late"] == 0 for a in by["정민호"]["assignments"])


def test_the_hostile_repository_gains_nothing(term):
    song = _a(_by(term)["송다은"], "a01_perceptron")            # a conftest.py that forces passes
    assert song["score"] == 0.0


def test_similarity_finds_the_renamed_copy_and_nothing_else(term):
    out = term["course"].parent / "similarity.json"
    r = _grade(term["course"], "similarity", "../class", "-f", "json", "-o", str(out))
    assert r.returncode == 0, r.stderr
    pairs = [(p["assignment"], p["a"], p["b"]) for p in json.loads(out.read_text(encoding="utf-8"))["pairs"]]
    assert pairs == [("a04_gradient", "dl-course-hanseojin", "dl-course-ohtaeyang")]
    term["similarity"] = out


def test_the_class_report_and_the_lms_import_agree_with_the_gradebook(term):
    course, cache = term["course"], term["cache"]
    book = _grade(course, "../class", *LABS, "-f", "csv", *cache)
    rows = list(csv.DictReader(io.StringIO(book.stdout.lstrip("\ufeff"))))
    assert len(rows) == 11                                   # ten submissions and the absent student
    sim = term.get("similarity") or course.parent / "similarity.json"
    if not sim.exists():
        _grade(course, "similarity", "../class", "-f", "json", "-o", str(sim))
    page = _grade(course, "../class", *LABS, "-f", "html", "--similarity", str(sim), *cache)
    assert page.returncode == 0, page.stderr[-2000:]
    html = page.stdout
    for row in rows:
        if row["status"] != "no_submission":
            total = shown(float(row["total"]))            # the page shows two decimals, the CSV four
            assert f'data-identifier="{row["identifier"]}" data-total="{total}"' in html
    assert 'id="similarity"' in html and "dl-course-ohtaeyang" in html.split('id="similarity"')[1]
    assert "(지각 2d, −20%)" in html  # noqa: RUF001 - the report writes a real minus sign; 이준호's a03 cell
    canvas = _grade(course, "../class", *LABS, "-f", "canvas", *cache)
    assert canvas.returncode == 0, canvas.stderr[-2000:]
    students = list(csv.DictReader(io.StringIO(canvas.stdout.lstrip("\ufeff"))))
    graded = {r["student_id"]: r["total"] for r in rows if r["student_id"] and r["status"] != "no_submission"}
    assert {r["SIS User ID"] for r in students if r["Student"] != "Points Possible"} == set(graded)

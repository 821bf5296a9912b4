"""The class run as a library call (:func:`grader.run.pipeline.grade_class`), as a TA scripting a
term calls it: the results of ``grade``, the TA's lines through ``say``, one-line refusals before
anything is graded, and results that stay values: the roster's student and the late penalty come
as new results, the graded ones (which the cache holds) untouched."""
from __future__ import annotations

import dataclasses
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from grader import config
from grader.results import AssignmentResult, SubmissionResult, late
from grader.run import pipeline, schedule
from grader.submissions import roster

ROOT = Path(__file__).resolve().parent.parent
A01 = ["a01_perceptron"]


@pytest.fixture(scope="module")
def cfg() -> config.Config:
    return config.load(ROOT / "grading.yml")


def test_a_class_is_graded_by_one_call_and_the_ta_is_told_what_grade_prints(cfg, tmp_path):
    klass = tmp_path / "class"
    shutil.copytree(ROOT / "examples" / "submissions", klass, ignore=shutil.ignore_patterns("__pycache__"))
    (klass / "notes.txt").write_text("not a submission")
    said: list[str] = []
    run = pipeline.grade_class([klass], cfg, pipeline.Options(assignments=A01, jobs=2, say=said.append))
    scores = {Path(r.submission).name: r.score for r in run.results}
    assert sorted(scores) == ["kim_minji", "lee_junho", "park_seoyeon"]
    assert scores["kim_minji"] == 20.0 and 0 < scores["lee_junho"] < 20 and scores["park_seoyeon"] == 0.0
    assert not run.single and run.changes is None and run.absent == []
    assert said[0] == f"grade: skipped {klass / 'notes.txt'}: not a folder or a .zip file"
    assert said[-1] == run.summary.line() and run.summary.submissions == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        run.results[0].score = 0.0  # type: ignore[misc]


def test_one_submission_is_single_and_says_nothing(cfg):
    said: list[str] = []
    run = pipeline.grade_class([ROOT / "examples" / "submissions" / "kim_minji"], cfg,
                               pipeline.Options(assignments=A01, say=said.append))
    assert run.single and [r.score for r in run.results] == [20.0] and said == []


@pytest.mark.parametrize("make, why", [
    (lambda t: t / "nowhere", "no such file or folder"),
    (lambda t: (t / "a.txt").write_text("x") and t / "a.txt", "expected a submission folder or a .zip file"),
])
def test_a_path_that_is_no_submission_is_refused_before_grading(cfg, tmp_path, make, why):
    path = make(tmp_path)
    with pytest.raises(pipeline.CannotGrade, match=why):
        pipeline.grade_class([path], cfg, pipeline.Options(assignments=A01))


def _graded(name: str, score: float) -> SubmissionResult:
    a = AssignmentResult("a01_perceptron", score, 20.0, "graded", "", "퍼셉트론")
    return SubmissionResult(f"class/{name}", score, 20.0, 1.0, [a])


def test_the_roster_attaches_students_as_new_results(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("identifier,github_username,github_id,name\nkim@x,kimdev,1,김민지\n", encoding="utf-8")
    graded = [_graded("hw1-kimdev", 20.0), _graded("stranger", 5.0)]
    before = [r.to_dict() for r in graded]
    said: list[str] = []
    attached, absent = pipeline._with_students(graded, roster.load(path, prefix="hw1"), True, said.append)
    assert [r.to_dict() for r in graded] == before
    assert attached[0].student is not None and attached[0].student["name"] == "김민지"
    assert attached[1].student is None and absent == []
    assert any("1 submission(s) without a roster entry: stranger" in line for line in said)


def test_lateness_comes_as_new_results_and_the_graded_ones_keep_their_score():
    zone = ZoneInfo("Asia/Seoul")
    due = datetime(2026, 9, 14, 23, 59, tzinfo=zone)
    d = schedule.Deadlines(late.Policy(grace_minutes=0, penalty_per_day=10, max_penalty=50, late="accept"), zone,
                           {"a01_perceptron": due})
    graded = [_graded("kim", 20.0)]
    before = graded[0].to_dict()

    class Times:
        path = Path("times.csv")

        def of(self, ident: str, aid: str) -> datetime:
            return (due + timedelta(hours=26)).astimezone(timezone.utc)

    dated, _ = schedule.apply(graded, schedule.Plan([]), dataclasses.replace(d, times=Times()), "en")  # type: ignore[arg-type]
    assert graded[0].to_dict() == before
    assert dated[0].score == 16.0 and dated[0].assignments[0].late is not None
    assert dated[0].assignments[0].late.days_late == 2 and dated[0].assignments[0].late.unpenalised_score == 20.0

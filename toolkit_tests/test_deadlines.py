"""Deadlines and late days: the rule (pure), the files a TA has, a repository's history, and a class
graded end to end with a deadline (git clones, a zip with an LMS time, an extension, --at, reject)."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from grader.config import ConfigError
from grader.config import load as load_config
from grader.results import AssignmentResult, late
from grader.submissions import history
from grader.submissions.times import TimesError, load_extensions, load_times, parse_time

ROOT = Path(__file__).resolve().parent.parent
SEOUL = ZoneInfo("Asia/Seoul")
DUE = datetime(2026, 9, 21, 23, 59, tzinfo=SEOUL)
POLICY = late.Policy(grace_minutes=10, penalty_per_day=10, max_penalty=50)


# ------------------------------------------------------------------ the rule
@pytest.mark.parametrize("after, days", [
    (timedelta(minutes=-1), 0), (timedelta(0), 0), (timedelta(minutes=10), 0),     # within the grace
    (timedelta(minutes=11), 1), (timedelta(hours=24), 1), (timedelta(hours=24, minutes=1), 2),
    (timedelta(days=9, hours=1), 10),
])
def test_days_late_count_started_days_after_the_grace(after, days):
    assert late.days_late(DUE + after, DUE, POLICY.grace_minutes) == days


def test_penalty_per_day_is_capped_and_reject_takes_everything():
    assert [late.penalty(d, POLICY) for d in (0, 1, 3, 5, 12)] == [0, 10, 30, 50, 50]
    assert late.penalty(1, late.Policy(late="reject")) == 100 and late.penalty(0, late.Policy(late="reject")) == 0


def test_apply_keeps_the_unpenalised_score_and_leaves_missing_and_grader_problems_alone():
    graded = AssignmentResult("a01", 18.0, 20.0, "graded")
    rec = late.lateness(DUE, DUE + timedelta(days=1, hours=2), "commit abc", POLICY)
    after = late.apply(graded, rec)
    assert (after.score, after.late.unpenalised_score, after.late.days_late, after.late.penalty) == (14.4, 18.0, 2, 20)
    missing = AssignmentResult("a01", 0.0, 20.0, "missing")
    assert late.apply(missing, rec).late is None
    problem = late.apply(AssignmentResult("a01", None, 20.0, "grader_error"), rec)
    assert problem.score is None and problem.late.days_late == 2   # no score is made up


def test_no_hand_in_time_is_not_penalised():
    rec = late.lateness(DUE, None, "", POLICY)
    assert rec.days_late == 0 and rec.penalty == 0 and rec.submitted_at is None


# ------------------------------------------------------------------ the files a TA has
def test_github_classroom_and_moodle_exports_give_hand_in_times(tmp_path):
    classroom = tmp_path / "classroom.csv"
    classroom.write_text("assignment_name,github_username,roster_identifier,student_repository_name,"
                         "submission_timestamp,points_awarded,points_available\n"
                         "lab,kimminji,20261234,dl-lab-kimminji,2026-09-22 01:30:00 UTC,20,20\n", encoding="utf-8")
    t = load_times(classroom, SEOUL)
    assert t.of("DL-LAB-KIMMINJI", "a01") == datetime(2026, 9, 22, 1, 30, tzinfo=timezone.utc)
    moodle = tmp_path / "worksheet.csv"
    moodle.write_text('Identifier,Full name,Status,Last modified (submission)\n'
                      'Participant 1,Kim Minji,Submitted for grading,"Tuesday, 22 September 2026, 1:05 AM"\n'
                      'Participant 2,Lee Junho,No submission,-\n', encoding="utf-8")
    m = load_times(moodle, SEOUL)
    assert m.of("participant 1", "a01") == datetime(2026, 9, 22, 1, 5, tzinfo=SEOUL)
    assert m.of("participant 2", "a01") is None


@pytest.mark.parametrize("text, needle", [
    ("identifier,submitted_at\nkim,yesterday\n", "row 2, column submitted_at: not a date and time: 'yesterday'"),
    ("identifier,handed_in\nkim,2026-09-21 10:00\n", "no hand-in time column"),
])
def test_a_times_file_that_cannot_be_used_says_where(tmp_path, text, needle):
    f = tmp_path / "times.csv"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(TimesError, match=needle.replace("(", r"\(").replace(")", r"\)")):
        load_times(f, SEOUL)


def test_extensions_by_days_or_new_deadline_and_unknown_assignment_named(tmp_path):
    f = tmp_path / "ext.csv"
    f.write_text("student,assignment,days,until\nkim,a01_perceptron,2,\n20261235,*,,2026-10-01 12:00\n",
                 encoding="utf-8")
    ext = load_extensions(f, SEOUL, ["a01_perceptron", "a02_activations"])
    assert ext.of(["kim"], "a01_perceptron").moved(DUE) == DUE + timedelta(days=2)
    assert ext.of(["kim"], "a02_activations") is None
    assert ext.of(["lee", "20261235"], "a02_activations").moved(DUE) == datetime(2026, 10, 1, 12, tzinfo=SEOUL)
    f.write_text("student,assignment,days\nkim,a01_perceptorn,2\n", encoding="utf-8")
    with pytest.raises(TimesError, match=r"row 2, column assignment: no assignment 'a01_perceptorn'.*a01_perceptron"):
        load_extensions(f, SEOUL, ["a01_perceptron"])


def test_a_deadline_without_a_time_is_refused_with_what_is_expected(tmp_path):
    data = yaml.safe_load((ROOT / "grading.yml").read_text(encoding="utf-8"))
    data["assignments"]["a01_perceptron"]["deadline"] = "2026-09-21"
    f = tmp_path / "grading.yml"
    f.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"assignments\.a01_perceptron\.deadline: expected a date and time such as"):
        load_config(f, root=ROOT)
    data["assignments"]["a01_perceptron"]["deadline"] = datetime(2026, 9, 21, 23, 59)  # YAML's own timestamp
    f.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_config(f, root=ROOT).assignments["a01_perceptron"].deadline == "2026-09-21T23:59:00"


def test_parse_time_reads_offsets_and_puts_the_rest_in_the_course_zone():
    assert parse_time("2026-09-21T14:59:00Z", SEOUL) == DUE
    assert parse_time("2026-09-21 14:59:00 UTC", SEOUL) == DUE
    with pytest.raises(ValueError, match="expected ISO 8601"):
        parse_time("21/09/2026", SEOUL)
    assert parse_time("2026-09-21 23:59", SEOUL) == DUE


# ------------------------------------------------------------------ a repository's history
def _commit(repo: Path, files: dict[str, str], when: str, message: str = "work") -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=s", "-c", "user.email=s@example.com", "commit", "-qm",
                    message], check=True, env=env)


def _open(repo: Path, tmp_path: Path) -> history.Repository:
    scratch = tmp_path / "scratch"
    scratch.mkdir(exist_ok=True)
    return history.Repository.open(repo, scratch)


def _repo(path: Path) -> Path:
    path.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    return path


def test_pick_walks_the_history_and_backdated_commits_are_reported(tmp_path):
    repo = _repo(tmp_path / "r")
    _commit(repo, {"a.txt": "1"}, "2026-09-20T10:00:00+09:00")
    _commit(repo, {"a.txt": "2"}, "2026-09-23T10:00:00+09:00")
    _commit(repo, {"a.txt": "3"}, "2026-09-21T10:00:00+09:00", "backdated")  # after the late one, dated before
    commits = _open(repo, tmp_path).commits()
    assert len(commits) == 3
    # The backdated commit is the newest on time by its date, and it is what is picked: its date is
    # the student's claim, which the TA is told to check.
    assert history.pick(commits, DUE) == commits[0]
    assert history.out_of_order(commits) == [commits[0]]
    assert history.pick(commits, datetime(2026, 9, 19, tzinfo=SEOUL)) is None


def test_a_repository_named_by_a_relative_path_is_read(tmp_path, monkeypatch):
    """``grade ../class`` names every repository relative to where the TA stands; git runs elsewhere."""
    repo = _repo(tmp_path / "class" / "r")
    _commit(repo, {"a.txt": "1"}, "2026-09-20T10:00:00+09:00")
    monkeypatch.chdir(tmp_path / "class")
    (tmp_path / "scratch").mkdir()
    opened = history.Repository.open(Path("r"), Path("../scratch"))
    assert len(opened.commits()) == 1


def test_the_repository_config_cannot_start_a_program(tmp_path):
    """A student's .git/config names programs for git to run (fsmonitor, pager, hooks); reading the
    history and exporting a commit must run none of them."""
    repo = _repo(tmp_path / "r")
    _commit(repo, {"perceptron.py": "x = 1\n"}, "2026-09-20T10:00:00+09:00")
    pwned = tmp_path / "pwned"
    with (repo / ".git" / "config").open("a") as f:
        f.write(f"[core]\n\tfsmonitor = touch {pwned}-fsmonitor\n\tpager = touch {pwned}-pager\n"
                f"\thooksPath = {tmp_path}/hooks\n[log]\n\tshowSignature = true\n"
                f"[gpg]\n\tprogram = touch {pwned}-gpg\n")
    (tmp_path / "hooks").mkdir()
    for hook in ("post-checkout", "reference-transaction"):
        (tmp_path / "hooks" / hook).write_text(f"#!/bin/sh\ntouch {pwned}-{hook}\n")
        (tmp_path / "hooks" / hook).chmod(0o755)
    r = _open(repo, tmp_path)
    (c,) = r.commits()
    out, skipped = r.export(c, tmp_path / "tree")
    assert (out / "perceptron.py").read_text() == "x = 1\n" and skipped == []
    r.last_change(c, [":(top)"])
    assert not list(tmp_path.glob("pwned*"))
    subprocess.run(["git", "-C", str(repo), "status"], capture_output=True)  # the same, without the overrides
    assert list(tmp_path.glob("pwned-fsmonitor*")), "the planted fsmonitor should fire for plain git (test check)"


def test_a_committed_link_out_is_not_exported_and_a_git_file_is_no_repository(tmp_path):
    repo = _repo(tmp_path / "r")
    (repo / "a01_perceptron").mkdir()
    (repo / "a01_perceptron" / "perceptron.py").symlink_to("/etc/passwd")
    _commit(repo, {"notes.txt": "hi"}, "2026-09-20T10:00:00+09:00")
    r = _open(repo, tmp_path)
    (c,) = r.commits()
    out, skipped = r.export(c, tmp_path / "tree")
    assert (out / "notes.txt").exists() and not (out / "a01_perceptron" / "perceptron.py").exists()
    assert skipped and "a01_perceptron/perceptron.py" in skipped[0]
    other = tmp_path / "borrowed"
    other.mkdir()
    (other / ".git").write_text(f"gitdir: {repo / '.git'}\n")          # someone else's history
    assert not history.is_repository(other) and history.is_repository(repo)


def test_a_commit_that_unpacks_to_too_much_is_refused(tmp_path, monkeypatch):
    repo = _repo(tmp_path / "r")
    _commit(repo, {f"f{i}.txt": "x" for i in range(5)}, "2026-09-20T10:00:00+09:00")
    monkeypatch.setattr(history, "MAX_FILES", 3)
    r = _open(repo, tmp_path)
    (c,) = r.commits()
    with pytest.raises(history.Refused, match="over the limit of 3 files"):
        r.export(c, tmp_path / "tree")
    monkeypatch.setattr(history, "MAX_FILES", 10)
    monkeypatch.setattr(history, "MAX_BYTES", 3)   # counted while streaming, whatever ls-tree says
    with pytest.raises(history.Refused, match="over the limit of 0 MiB"):
        r.export(c, tmp_path / "tree2")


# ------------------------------------------------------------------ a class, end to end
STUB = (ROOT / "assignments" / "a01_perceptron" / "perceptron.py").read_text(encoding="utf-8")
DONE = (ROOT / "reference" / "a01_perceptron" / "perceptron.py").read_text(encoding="utf-8")


def _course(tmp_path: Path, **policy: object) -> Path:
    """A course of one assignment (a01, numpy only: quick) due 2026-09-21 23:59 in Seoul."""
    course = tmp_path / "course"
    shutil.copytree(ROOT / "tests" / "a01_perceptron", course / "tests" / "a01_perceptron")
    shutil.copytree(ROOT / "reference" / "a01_perceptron", course / "reference" / "a01_perceptron")
    data = yaml.safe_load((ROOT / "grading.yml").read_text(encoding="utf-8"))
    data["assignments"] = {"a01_perceptron": {**data["assignments"]["a01_perceptron"], "deadline": "2026-09-21 23:59"}}
    data["late_policy"] = {"timezone": "Asia/Seoul", "grace_minutes": 10, "penalty_per_day": 10, "max_penalty": 50,
                           **policy}
    (course / "grading.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return course


def _klass(tmp_path: Path) -> Path:
    klass = tmp_path / "klass"
    a01 = "a01_perceptron/perceptron.py"
    for name, finished in (("ontime", "2026-09-21T23:05:00+09:00"), ("late2", "2026-09-23T03:00:00+09:00"),
                           ("extended", "2026-09-23T03:00:00+09:00")):
        repo = _repo(klass / name)
        _commit(repo, {a01: STUB}, "2026-09-19T10:00:00+09:00", "start")
        _commit(repo, {a01: DONE}, finished, "done")
    with zipfile.ZipFile(klass / "zipped.zip", "w") as z:       # an LMS download: its time from the times file
        z.writestr(a01, DONE)
    (klass / "unknown" / "a01_perceptron").mkdir(parents=True)  # a folder nobody has a time for
    (klass / "unknown" / a01).write_text(DONE, encoding="utf-8")
    return klass


def _grade(course: Path, klass: Path, *extra: str) -> tuple[dict[str, dict], str]:
    r = subprocess.run([sys.executable, "-m", "grader", str(klass), "--course", str(course), "-f", "json",
                        "--no-plots", "--jobs", "2", "--cache-dir", str(course.parent / "cache"), *extra],
                       capture_output=True, text=True, timeout=600, cwd=course.parent)
    assert r.returncode == 0, r.stderr[-3000:]
    return {Path(d["submission"]).name: d for d in json.loads(r.stdout)}, r.stderr


def test_a_class_with_a_deadline_end_to_end(tmp_path):
    course, klass = _course(tmp_path), _klass(tmp_path)
    (tmp_path / "times.csv").write_text("identifier,submitted_at\nzipped,2026-09-22T09:00:00+09:00\n", encoding="utf-8")
    (tmp_path / "ext.csv").write_text("student,assignment,days\nextended,a01_perceptron,2\n", encoding="utf-8")
    got, err = _grade(course, klass, "--times", str(tmp_path / "times.csv"), "--extensions", str(tmp_path / "ext.csv"))

    def a01(name: str) -> dict:
        return got[name]["assignments"][0]

    assert (a01("ontime")["score"], a01("ontime")["late"]["days_late"]) == (20.0, 0)
    assert a01("ontime")["late"]["source"].startswith("commit ")
    assert (a01("late2")["score"], a01("late2")["late"]["penalty"], a01("late2")["late"]["unpenalised_score"]) == \
        (16.0, 20.0, 20.0)
    assert got["late2"]["score"] == 16.0                                    # the total follows
    assert (a01("extended")["score"], a01("extended")["late"]["extension"]) == (20.0, "+2 days")
    assert a01("extended")["late"]["deadline"] == "2026-09-23T23:59:00+09:00"
    assert (a01("zipped.zip")["score"], a01("zipped.zip")["late"]["days_late"]) == (18.0, 1)
    assert a01("zipped.zip")["late"]["source"] == "times file times.csv"
    assert a01("unknown")["score"] == 20.0 and a01("unknown")["late"]["submitted_at"] is None
    assert "no hand-in time known (not penalised): unknown a01_perceptron" in err

    # --at: each repository as of the deadline (the stub, for the two that finished late)
    at, _ = _grade(course, klass, "--at", "2026-09-22 00:09", "--times", str(tmp_path / "times.csv"))
    assert at["ontime"]["score"] == 20.0 and at["late2"]["score"] == 0.0
    assert at["late2"]["assignments"][0]["late"]["days_late"] == 0   # the stub was committed on time

    # CSV: the penalty and the unpenalised score beside the grade
    r = subprocess.run([sys.executable, "-m", "grader", str(klass), "--course", str(course), "-f", "csv",
                        "--no-plots", "--cache-dir", str(tmp_path / "cache")], capture_output=True, text=True,
                       timeout=600, cwd=tmp_path)
    rows = {row["identifier"]: row for row in csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff")))}
    assert (rows["late2"]["a01_perceptron"], rows["late2"]["a01_perceptron_days_late"],
            rows["late2"]["a01_perceptron_penalty_percent"], rows["late2"]["a01_perceptron_unpenalised"]) == \
        ("16", "2", "20", "20")
    assert rows["unknown"]["a01_perceptron_days_late"] == ""


def test_reject_grades_the_last_commit_on_time(tmp_path):
    course = _course(tmp_path, late="reject")
    klass = tmp_path / "klass"
    repo = _repo(klass / "late2")
    _commit(repo, {"a01_perceptron/perceptron.py": STUB}, "2026-09-19T10:00:00+09:00")
    _commit(repo, {"a01_perceptron/perceptron.py": DONE}, "2026-09-23T03:00:00+09:00")
    never = _repo(klass / "never")
    _commit(never, {"a01_perceptron/perceptron.py": DONE}, "2026-09-25T03:00:00+09:00")
    got, _ = _grade(course, klass)
    a = got["late2"]["assignments"][0]
    assert a["score"] == 0.0 and a["status"] == "graded" and a["late"]["days_late"] == 0   # the stub, on time
    b = got["never"]["assignments"][0]
    assert b["status"] == "missing" and "nothing was committed in time" in b["message"]


def test_an_unreadable_history_is_a_grader_problem_not_the_working_tree(tmp_path):
    """Grading the working tree instead could grade late work as on time: no score, and said why."""
    from grader.run import schedule

    broken = tmp_path / "broken"
    (broken / ".git").mkdir(parents=True)                 # a clone that went wrong
    (broken / "a01_perceptron").mkdir()
    (broken / "a01_perceptron" / "perceptron.py").write_text(DONE, encoding="utf-8")
    d = schedule.Deadlines(POLICY, SEOUL, {"a01_perceptron": DUE})
    plan = schedule.plan([broken], ["a01_perceptron"], d)
    try:
        assert plan.pieces == [] and "history cannot be read" in plan.problems[0]
        cfg = load_config(ROOT / "grading.yml")
        (r,) = schedule.merge([broken], plan, [], cfg, ["a01_perceptron"], "en", [str(broken)])
        assert r.assignments[0].status == "grader_error" and r.score is None and not r.final
    finally:
        plan.cleanup()


def test_in_one_repository_a_later_labs_commit_does_not_make_an_earlier_one_late(tmp_path):
    """The whole course in one repository: a01's hand-in time is its last change, not the newest commit."""
    from grader.run import schedule

    repo = _repo(tmp_path / "kim")
    _commit(repo, {"a01_perceptron/perceptron.py": DONE}, "2026-09-21T20:00:00+09:00", "a01")
    _commit(repo, {"a02_activations/activations.py": "x = 1\n"}, "2026-09-28T20:00:00+09:00", "a02")
    _commit(repo, {"perceptron.ipynb": "{}"}, "2026-09-29T20:00:00+09:00", "a notebook of a01's stem, flat")
    d = schedule.Deadlines(POLICY, SEOUL, {"a01_perceptron": DUE})
    files = {"a01_perceptron": ("perceptron.py",), "a02_activations": ("activations.py",)}
    plan = schedule.plan([repo], ["a01_perceptron", "a02_activations"], d, files=files)
    try:
        newest = _open(repo, tmp_path).commits()[0]
        assert plan.commits[(0, "a01_perceptron")] == newest
        # the flat notebook counts as a01's work (the grader would look for it), so a01 changed on 09-29
        assert plan.commits[(0, "a01_perceptron")].when == datetime(2026, 9, 29, 20, tzinfo=SEOUL)
        assert plan.commits[(0, "a02_activations")].when == datetime(2026, 9, 28, 20, tzinfo=SEOUL)
    finally:
        plan.cleanup()
    (repo / "perceptron.ipynb").unlink()
    _commit(repo, {}, "2026-09-30T20:00:00+09:00", "remove the notebook")
    subprocess.run(["git", "-C", str(repo), "reset", "-q", "--hard", "HEAD~2"], check=True)   # back to a02's commit
    plan = schedule.plan([repo], ["a01_perceptron"], d, files=files)
    try:
        assert plan.commits[(0, "a01_perceptron")].when == datetime(2026, 9, 21, 20, tzinfo=SEOUL)
    finally:
        plan.cleanup()

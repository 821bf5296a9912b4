"""The leaderboard (issue: a TA's whole term): Gradescope's ``leaderboard`` field, as its
"Leaderboards" documentation defines it (a top-level array of ``{"name", "value"}``, higher first)."""
from __future__ import annotations

import io
import json

from grader.reporters import ReportOptions, gradescope
from grader.results import AssignmentResult, SubmissionResult
from grader.results import TestResult as Outcome


def _lab(aid: str, accuracy: float | None, status: str = "graded") -> AssignmentResult:
    data = {} if accuracy is None else {"test_accuracy": accuracy}
    t = Outcome("accuracy", f"tests/{aid}/t.py::test_test_accuracy", 5.0, 5.0, "passed", "", data)
    return AssignmentResult(aid, None if status == "grader_error" else 5.0, 5.0, status, "", "", [t])


def test_each_trained_lab_is_a_leaderboard_quantity():
    r = SubmissionResult("s", 10.0, 10.0, 1.0, [_lab("a06_fashion_mnist", 0.88123456), _lab("a01_perceptron", None)])
    buf = io.StringIO()
    gradescope.write([r], buf, ReportOptions(single=True))
    data = json.loads(buf.getvalue())
    assert data["leaderboard"] == [{"name": "a06_fashion_mnist accuracy", "value": 0.8812}]


def test_no_leaderboard_without_a_trained_model():
    r = SubmissionResult("s", 5.0, 5.0, 1.0, [_lab("a01_perceptron", None)])
    assert "leaderboard" not in gradescope.payload(r)


# ------------------------------------------------------------------ the pseudonymous tables
from grader.reporters import html, leaderboard, markdown, text  # noqa: E402

SALT = "a-staff-secret"


def _class() -> list[SubmissionResult]:
    def sub(name: str, acc: float | None, status: str = "graded") -> SubmissionResult:
        return SubmissionResult(f"class/{name}", 5.0, 5.0, 1.0, [_lab("a06_fashion_mnist", acc, status)])
    return [sub("kimminji", 0.91), sub("leejunho", 0.87), sub("parkseoyeon", 0.91), sub("choi", 0.95, "grader_error"),
            sub("jung", None)]


def test_pseudonyms_are_stable_depend_on_the_secret_and_hide_the_identifier():
    a = leaderboard.pseudonym("kimminji", SALT)
    assert a == leaderboard.pseudonym("kimminji", SALT)
    assert a != leaderboard.pseudonym("kimminji", "another-course-secret")
    assert "kimminji" not in a and a != leaderboard.pseudonym("leejunho", SALT)


def test_boards_rank_by_the_graders_accuracy_with_ties_and_leave_out_the_unscored():
    (entries,) = leaderboard.boards(_class(), SALT).values()
    assert [(e.rank, e.accuracy) for e in entries] == [(1, 0.91), (1, 0.91), (3, 0.87)]
    assert sorted(e.student for e in entries) == [0, 1, 2]          # choi (a grader problem) and jung (no model) out


def test_markdown_and_html_show_the_board_under_pseudonyms_and_each_student_their_own():
    results = _class()
    names = [leaderboard.of(r, SALT) for r in results]
    md = io.StringIO()
    markdown.write(results, md, ReportOptions(leaderboard_salt=SALT))
    board = md.getvalue().split("### Leaderboard: a06_fashion_mnist")[1].split("\n## ")[0]
    assert all(n in board for n in names[:3]) and names[3] not in board
    assert not any(ident in board for ident in ("kimminji", "leejunho", "parkseoyeon"))
    assert f"Leaderboard pseudonym: `{names[0]}`" in md.getvalue()
    page = io.StringIO()
    html.write(results, page, ReportOptions(leaderboard_salt=SALT))
    table = page.getvalue().split('<table class="leaderboard"')[1].split("</table>")[0]
    assert [n for n in names if n in table] == names[:3] and "kimminji" not in table
    own = io.StringIO()
    text.write(results[:1], own, ReportOptions(single=True, leaderboard_salt=SALT))
    assert f"leaderboard pseudonym: {names[0]}" in own.getvalue()
    none = io.StringIO()
    text.write(results[4:], none, ReportOptions(single=True, leaderboard_salt=SALT))
    assert "pseudonym" not in none.getvalue()                        # no model, no board, no pseudonym


# ------------------------------------------------------------------ the secret (issue 24, point 10)
# The old default secret was a hash of grading.yml, which GitHub Classroom's workflow checks out into
# every student's job: any student could recompute every classmate's pseudonym. The secret is now the
# TA's ($DLGRADER_LEADERBOARD_SECRET, else a 0600 file under $XDG_CONFIG_HOME/dlgrader/).
import hashlib  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import stat  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from grader import config  # noqa: E402
from grader.config import leaderboard_secret  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def no_secret(tmp_path, monkeypatch) -> Path:
    """No secret in the environment, and a config folder of this test's own."""
    monkeypatch.delenv(leaderboard_secret.ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "dlgrader" / "leaderboard_secret"


def test_the_secret_file_is_made_on_first_use_private_and_stable(no_secret):
    assert leaderboard_secret.path() == no_secret
    assert leaderboard_secret.load(create=False) is None and not no_secret.exists()   # reading makes nothing
    made = leaderboard_secret.load(create=True)
    assert len(made) >= 32 and stat.S_IMODE(no_secret.stat().st_mode) == 0o600
    assert stat.S_IMODE(no_secret.parent.stat().st_mode) == 0o700
    assert leaderboard_secret.load(create=True) == leaderboard_secret.load(create=False) == made
    assert not [p for p in no_secret.parent.iterdir() if p != no_secret]                # no temporary file left


def test_without_xdg_config_home_the_file_is_under_home(no_secret, monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert leaderboard_secret.path() == tmp_path / "home" / ".config" / "dlgrader" / "leaderboard_secret"


def test_the_environment_variable_wins_over_the_file(no_secret, monkeypatch):
    leaderboard_secret.load(create=True)
    monkeypatch.setenv(leaderboard_secret.ENV, "  a-secret-from-the-ci-settings  ")
    assert leaderboard_secret.load(create=True) == "a-secret-from-the-ci-settings"


def test_each_ta_gets_their_own_secret(tmp_path, monkeypatch, no_secret):
    first = leaderboard_secret.load(create=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "another"))
    assert leaderboard_secret.load(create=True) != first


@pytest.mark.parametrize("case, needle", [
    ("short variable", "DLGRADER_LEADERBOARD_SECRET: 5 characters; use at least 16"),
    ("readable file", "other users may read the leaderboard secret (mode 0644); run chmod 600"),
    ("short file", "3 characters; use at least 16"),
])
def test_a_secret_that_cannot_be_trusted_is_refused(no_secret, monkeypatch, case, needle):
    if case == "short variable":
        monkeypatch.setenv(leaderboard_secret.ENV, "short")
    else:
        no_secret.parent.mkdir(parents=True)
        no_secret.write_text("abc" if case == "short file" else "x" * 40)
        no_secret.chmod(0o644 if case == "readable file" else 0o600)
    with pytest.raises(leaderboard_secret.SecretError, match=re.escape(needle)):
        leaderboard_secret.load(create=True)


@pytest.mark.parametrize("section, key", [({"salt": "a-salt-in-the-course"}, "leaderboard.salt"), ({}, "leaderboard")])
def test_a_leaderboard_secret_in_grading_yml_is_a_config_error(tmp_path, section, key):
    import yaml

    data = yaml.safe_load((ROOT / "grading.yml").read_text(encoding="utf-8"))
    data["leaderboard"] = section
    path = tmp_path / "grading.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(config.ConfigError) as info:
        config.load(path, root=ROOT)
    text = str(info.value)
    assert text.startswith(f"{path}: {key}: the leaderboard secret cannot be in grading.yml")
    assert "remove the leaderboard section" in text and "$DLGRADER_LEADERBOARD_SECRET or " in text


# A course of one ranked assignment (a test that records an accuracy, as the Keras labs' do), so a
# class is graded and ranked in seconds, without Keras.
_COURSE = {
    "grading.yml": "version: 1\nlanguage: en\nassignments:\n  a01_board:\n    title: {ko: 보드, en: board}\n"
                   "    files: [board.py]\n    tests: {test_accuracy: 1}\n",
    "tests/a01_board/test_board.py": 'def test_accuracy(submission, feedback):\n    """정확도\n    accuracy"""\n'
                                     "    feedback.record(test_accuracy=float(submission.board.accuracy()))\n",
    "reference/a01_board/board.py": "def accuracy():\n    return 0.9\n",
    "class/alice/board.py": "def accuracy():\n    return 0.8\n",
    "class/bob/board.py": "def accuracy():\n    return 0.7\n",
}
_PSEUDONYM = re.compile(r"\b[a-z]+-[a-z]+-[0-9]{2}\b")


def _course(folder: Path) -> Path:
    for name, content in _COURSE.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def _board(course: Path, env: dict[str, str], *paths: str, fmt: str = "markdown") -> tuple[str, list[str]]:
    """The report, and the pseudonyms in it in order."""
    r = subprocess.run([sys.executable, "-m", "grader", *(paths or ["class"]), "-f", fmt, "--no-cache", "--no-plots",
                        "--jobs", "1"], cwd=course, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout, _PSEUDONYM.findall(r.stdout)


def test_pseudonyms_come_from_the_tas_secret_not_from_the_course(tmp_path):
    """Two identical courses: different secrets, different pseudonyms; the same secret, the same ones;
    and none is what a student computes from the grading.yml they received."""
    one, two = _course(tmp_path / "one"), _course(tmp_path / "two")
    env = {**os.environ, leaderboard_secret.ENV: "the-first-tas-secret-0123456789"}
    _, first = _board(one, env)
    _, again = _board(two, env)
    _, other = _board(two, {**env, leaderboard_secret.ENV: "the-second-tas-secret-987654321"})
    assert len(first) == 4 and len(set(first)) == 2          # the board's two rows, and each student's own line
    assert again == first and set(other).isdisjoint(first)
    course_hash = hashlib.sha256(_COURSE["grading.yml"].encode()).hexdigest()
    guessed = {leaderboard.pseudonym(n, course_hash) for n in ("alice", "bob")}
    assert guessed.isdisjoint(first)


def test_the_first_board_makes_the_secret_file_and_feedback_shows_a_pseudonym_only_then(tmp_path):
    course = _course(tmp_path / "course")
    env = {k: v for k, v in os.environ.items() if k != leaderboard_secret.ENV}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    secret_file = tmp_path / "config" / "dlgrader" / "leaderboard_secret"
    own, names = _board(course, env, "class/alice", fmt="text")
    assert names == [] and "pseudonym" not in own and not secret_file.exists()   # nothing invented
    _, board = _board(course, env)
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    secret = secret_file.read_text().strip()
    assert board[0] == leaderboard.pseudonym("alice", secret)                    # alice's 0.8 ranks first
    own, names = _board(course, env, "class/alice", fmt="text")
    assert names == [leaderboard.pseudonym("alice", secret)]
    assert _board(course, env)[1] == board                                        # stable: the file is reused

"""The Reporter seam (issue 28): every format is a module that satisfies ``reporters.Reporter``, checked
when it is registered; a module that does not (a member missing, misspelled or of the wrong kind) is
refused with a line that names it; a new format or LMS is one module plus one registry line, and
``grade`` asks it, not a list of names, whether it needs a roster; every refusal is a
``reporters.Refused``."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from grader import reporters
from grader.reporters import BadReporter, Refused, ReportOptions, gradescope, html, leaderboard, lms, protocol
from grader.results import AssignmentResult, SubmissionResult

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
NEEDS_ROSTER = False
LEADERBOARD = "none"
SHOWS_SIMILARITY = False


def write(results, out, options):
    out.write("ok\\n")
"""


def _plant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, source: str) -> str:
    """A module ``name`` importable by name, as a registry line names one."""
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop(name, None)  # the previous case's planted module
    return name


def test_the_registry_is_checked_and_asks_what_the_command_line_used_to_hard_code():
    assert set(protocol.MEMBERS) == {*protocol.Reporter.__annotations__, "write"}  # the check knows every member
    assert set(reporters.REPORTERS) == set(reporters.FORMATS)
    assert [f for f, r in reporters.REPORTERS.items() if r.NEEDS_ROSTER] == ["canvas", "moodle"]
    assert [f for f, r in reporters.REPORTERS.items() if r.SHOWS_SIMILARITY] == ["html"]
    shows = {f: r.LEADERBOARD for f, r in reporters.REPORTERS.items() if r.LEADERBOARD != "none"}
    assert shows == {"text": "pseudonym", "html": "board", "markdown": "class board", "classroom": "pseudonym"}


@pytest.mark.parametrize("source, needle", [
    (GOOD.replace("NEEDS_ROSTER", "NEED_ROSTER"), "no NEEDS_ROSTER (True or False); did you mean NEEDS_ROSTER, "
                                                  "not NEED_ROSTER?"),
    (GOOD.replace("LEADERBOARD", "leaderboard"), "did you mean LEADERBOARD, not leaderboard?"),
    (GOOD.replace("SHOWS_SIMILARITY = False\n", ""), "no SHOWS_SIMILARITY (True or False)"),
    (GOOD.replace("def write(", "def writ("), "no write (a function write(results, out, options)); did you "
                                             "mean write, not writ?"),
    (GOOD + "NEEDS_ROSTERS = True\n", "NEEDS_ROSTERS is not a member (did you mean NEEDS_ROSTER?)"),
    (GOOD.replace('"none"', '"top ten"'), "LEADERBOARD is 'top ten' (wanted 'none' or 'pseudonym' or 'board' or "
                                          "'class board')"),
    (GOOD.replace("NEEDS_ROSTER = False", 'NEEDS_ROSTER = "yes"'), "NEEDS_ROSTER is 'yes' (wanted True or False)"),
    (GOOD.replace("(results, out, options)", "(results, out, language, single, options)"),
     "write does not take (results, out, options)"),
], ids=["misspelled", "wrong-case", "missing", "misspelled-write", "extra-near-miss", "bad-leaderboard",
        "not-a-bool", "old-signature"])
def test_a_module_that_is_not_a_reporter_is_refused_when_registered(tmp_path, monkeypatch, source, needle):
    name = _plant(tmp_path, monkeypatch, "planted_format", source)
    with pytest.raises(BadReporter) as info:
        reporters.register("planted", name)
    message = str(info.value)
    assert "\n" not in message and message.startswith("--format planted: planted_format is not a reporter")
    assert needle in message
    assert "planted" not in reporters.REPORTERS


def test_every_refusal_is_one_family_and_only_gradescopes_is_withheld():
    family = [lms.NeedsRoster, lms.SharedStudent, html.MissingLibrary, leaderboard.SecretRefused, gradescope.Withheld]
    assert all(issubclass(e, Refused) for e in family)
    assert [e.__name__ for e in family if e.withheld] == ["Withheld"]
    ungraded = SubmissionResult("kim", None, 20.0, 1.0, [AssignmentResult("a01", None, 20.0, "grader_error")],
                                grader_errors=["a01: the oracle did not start"])
    out = io.StringIO()
    with pytest.raises(Refused) as info:
        reporters.write("gradescope", [ungraded], out, ReportOptions(single=True))
    assert info.value.withheld and out.getvalue() == ""


# A new LMS, as ARCHITECTURE.md ("Adding an LMS") says: this module, and one registry line.
TOY_LMS = """\
\"\"\"A toy LMS import: one row per roster student.\"\"\"
from grader.reporters.lms import rows

NEEDS_ROSTER = {needs}
LEADERBOARD = "none"
SHOWS_SIMILARITY = False


def write(results, out, options):
    if not NEEDS_ROSTER:
        out.write("".join(f"{{r.submission}},{{r.score:g}}\\n" for r in results))
        return
    for r, student in rows(results, "toylms", "a roster (it matches rows by student ID)"):
        out.write(f"{{student['id']}},{{r.score:g}},{{options.language}}\\n")
"""
REGISTER = ("import sys; sys.path.insert(0, sys.argv[1]); from grader import cli, reporters; "
            "reporters.register('toylms', 'toylms'); sys.exit(cli.main(sys.argv[2:]))")  # the registry line


@pytest.mark.parametrize("needs", [True, False])
def test_a_new_lms_is_one_module_and_one_registry_line(tmp_path, needs):
    (tmp_path / "toylms.py").write_text(TOY_LMS.format(needs=needs), encoding="utf-8")
    klass = tmp_path / "class"
    shutil.copytree(ROOT / "reference" / "a01_perceptron", klass / "kimdev" / "a01_perceptron")
    shutil.copytree(ROOT / "assignments" / "a01_perceptron", klass / "jo-kim" / "a01_perceptron")
    roster_file = tmp_path / "roster.csv"
    roster_file.write_text("identifier,github_username,github_id,name\n20260001,kimdev,1,김데브\n"
                           "20260003,jo-kim,3,조김\n", encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}

    def grade(*more: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", REGISTER, str(tmp_path), str(klass), "-a", "a01_perceptron",
                               "-f", "toylms", "--no-plots", "--jobs", "1", "--language", "en", *more],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)

    bare = grade()
    if needs:  # asked before anything is graded, from the reporter's own NEEDS_ROSTER
        assert bare.returncode == 2 and bare.stdout == "" and "graded" not in bare.stderr
        assert bare.stderr.strip() == ("grade: error: --format toylms needs a roster (--roster CSV, or grading.yml's "
                                       "roster: file): the LMS matches each row to a student by an ID only a "
                                       "roster gives")
        with_roster = grade("--roster", str(roster_file))
        assert with_roster.returncode == 0, with_roster.stderr[-2000:]
        assert with_roster.stdout == "20260003,0,en\n20260001,20,en\n"
    else:
        assert bare.returncode == 0, bare.stderr[-2000:]
        assert sorted(bare.stdout.splitlines()) == [f"{klass}/jo-kim,0", f"{klass}/kimdev,20"]

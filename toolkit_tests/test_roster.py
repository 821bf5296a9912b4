"""The roster: the exports a TA has (GitHub Classroom's, Canvas's), matching submissions to them,
and one-line errors for a roster that cannot be used (issue: a TA's whole term, the roster)."""
from __future__ import annotations

from pathlib import Path

import pytest

from grader.submissions.roster import RosterError, load

# GitHub Classroom's roster export (Classroom > Students > Download): one row per roster
# identifier; github_username and github_id stay empty until a student links their account.
CLASSROOM = """\ufeffidentifier,github_username,github_id,name
20261234,kimminji,1001,김민지
20261235,Lee-Junho,1002,이준호
20261236,,,박서연
20261237,jo-kim,1004,조김
20261238,kim,1005,김
"""

# Canvas's gradebook export: the "Points Possible" row comes first and is not a student.
CANVAS = """Student,ID,SIS User ID,SIS Login ID,Section,LAB 8-1 (1234)
    Points Possible,,,,,20
"Kim, Minji",501,20261234,kimminji,DL 01,
"Lee, Junho",502,20261235,leejunho,DL 01,
"""


def write(tmp_path: Path, text: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_github_classroom_export_is_recognised_and_folders_match_by_username(tmp_path):
    roster = load(write(tmp_path, CLASSROOM))
    assert (roster.kind, roster.match, roster.student_id, roster.name) == \
        ("GitHub Classroom", "github_username", "identifier", "name")
    # `gh classroom clone` names each folder <assignment>-<github_username>; usernames ignore case
    found = roster.reconcile(["dl-lab-kimminji", "dl-lab-lee-junho", "dl-lab-jo-kim", "stranger", "kim.zip"[:-4]])
    assert {k: s.student_id for k, s in found.matched.items()} == {
        "dl-lab-kimminji": "20261234", "dl-lab-lee-junho": "20261235", "dl-lab-jo-kim": "20261237", "kim": "20261238"}
    assert found.unknown == ["stranger"]
    # the student who never linked an account is listed, not dropped
    assert [s.name for s in found.absent] == ["박서연"]


def test_the_longest_key_wins_a_suffix_match(tmp_path):
    roster = load(write(tmp_path, CLASSROOM))
    assert roster.find("lab-jo-kim").student_id == "20261237"
    assert roster.find("lab-kim").student_id == "20261238"
    assert roster.find("labkim") is None  # a suffix counts only after a "-"


def test_canvas_export_skips_points_possible_and_keeps_lms_columns(tmp_path):
    roster = load(write(tmp_path, CANVAS))
    assert roster.kind == "Canvas" and len(roster.students) == 2
    s = roster.find("leejunho")
    assert (s.student_id, s.name, s.column("ID"), s.column("Section")) == ("20261235", "Lee, Junho", "502", "DL 01")


def test_any_csv_names_its_columns(tmp_path):
    path = write(tmp_path, "학번,이름,github\n20261234,김민지,kimminji\n")
    roster = load(path, match="github", student_id="학번", name="이름")
    assert roster.find("kimminji").name == "김민지"


@pytest.mark.parametrize("text, kwargs, needle", [
    ("", {}, "empty; expected a header row"),
    ("학번,이름\n1,a\n", {}, "name the column submissions match on (roster.match), one of: 학번, 이름"),
    ("학번,이름\n1,a\n", {"match": "github"}, "no column 'github' (the match column); its columns are 학번, 이름"),
    ("identifier,github_username,name\n1,kim,a\n2,KIM,b\n", {}, "row 3: github_username 'KIM' is also on row 2"),
    ("identifier,github_usernme,name\n1,kim,a\n", {"match": "github_username"}, "did you mean 'github_usernme'?"),
])
def test_a_roster_that_cannot_be_used_says_where_and_why(tmp_path, text, kwargs, needle):
    path = write(tmp_path, text)
    with pytest.raises(RosterError) as info:
        load(path, **kwargs)
    assert str(info.value).startswith(str(path)) and needle in str(info.value), str(info.value)


def test_a_missing_or_non_utf8_roster_says_so(tmp_path):
    with pytest.raises(RosterError, match="no such roster file"):
        load(tmp_path / "absent.csv")
    path = tmp_path / "cp949.csv"
    path.write_bytes("학번,이름\n".encode("cp949"))
    with pytest.raises(RosterError, match="not UTF-8 text"):
        load(path)

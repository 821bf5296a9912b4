"""The roster: the exports a TA has (GitHub Classroom's, Canvas's), matching submissions to them,
and one-line errors for a roster that cannot be used (issue: a TA's whole term, the roster)."""
from __future__ import annotations

from pathlib import Path

import pytest

from grader.reporters import ReportOptions
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
,,,,,Manual Posting
"Kim, Minji",501,20261234,kimminji,DL 01,
"Lee, Junho",502,20261235,leejunho,DL 01,
"""


def write(tmp_path: Path, text: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_github_classroom_export_is_recognised_and_folders_match_by_username(tmp_path):
    roster = load(write(tmp_path, CLASSROOM), prefix="dl-lab")
    assert (roster.kind, roster.match, roster.student_id, roster.name) == \
        ("GitHub Classroom", "github_username", "identifier", "name")
    # GitHub Classroom names each clone <assignment prefix>-<github_username>; usernames ignore case
    found = roster.reconcile(["dl-lab-kimminji", "dl-lab-lee-junho", "dl-lab-jo-kim", "stranger", "kim.zip"[:-4]])
    assert {k: s.student_id for k, s in found.matched.items()} == {
        "dl-lab-kimminji": "20261234", "dl-lab-lee-junho": "20261235", "dl-lab-jo-kim": "20261237", "kim": "20261238"}
    assert found.unknown == ["stranger"] and found.ambiguous == {}
    # the student who never linked an account is listed, not dropped
    assert [s.name for s in found.absent] == ["박서연"]
    assert found.shared == {}
    # a folder and a zip of one student: both theirs, and said
    twice = roster.reconcile(["dl-lab-kimminji", "kimminji", "kim"])
    assert twice.shared == {"20261234": ["dl-lab-kimminji", "kimminji"]}


# Issue 24, point 7: a clone is a roster student's only when its name is exactly their login, or
# <prefix>-<login> for the Classroom assignment's prefix; nothing is guessed from a name's ending.
# A stranger who signs up as `x-kimdev` gets the clone `hw1-x-kimdev`: that is nobody's.
MATCHING_ROSTER = """identifier,github_username,github_id,name
20260001,kimdev,1,김데브
20260002,kim,2,김
20260003,jo-kim,3,조김
20260004,hw1-kim,4,흠일
20260005,,,박서연
"""
AMBIGUOUS = "ambiguous"


@pytest.mark.parametrize("identifier, prefix, owner", [
    ("kimdev", "", "kimdev"),                 # the login itself
    ("KimDev", "", "kimdev"),                 # GitHub logins ignore case
    ("hw1-kimdev", "", None),                 # without a prefix nothing is derived
    ("hw1-x-kimdev", "", None),               # the stranger: the old "ends with -<login>" rule gave it to kimdev
    ("hw1-kimdev", "hw1", "kimdev"),          # a Classroom clone
    ("HW1-KIMDEV", "hw1", "kimdev"),
    ("hw1-x-kimdev", "hw1", None),            # the stranger again, with the prefix: x-kimdev is on no roster
    ("hw1-x-kimdev", "hw1-x", "kimdev"),      # exact: the TA's prefix says whose it is
    ("x-kimdev", "hw1", None),
    ("hw2-kimdev", "hw1", None),              # another assignment's clone
    ("hw1kimdev", "hw1", None),               # the prefix ends at a "-"
    ("hw1-", "hw1", None),                    # the student without a linked account matches nothing
    ("hw1-jo-kim", "hw1", "jo-kim"),          # a login with a "-" in it
    ("lab-jo-kim", "", None),
    ("kim", "hw1", "kim"),                    # a zip named by the login, beside the clones
    ("hw1-kim", "", "hw1-kim"),               # without a prefix, only the exact login
    ("hw1-kim", "hw1", AMBIGUOUS),            # the login hw1-kim, or kim's clone: nobody's until the TA says
])
def test_a_submission_is_a_students_only_by_an_exact_name(tmp_path, identifier, prefix, owner):
    roster = load(write(tmp_path, MATCHING_ROSTER), prefix=prefix)
    found = roster.reconcile([identifier])
    if owner == AMBIGUOUS:
        assert found.matched == {} and found.unknown == []
        assert sorted(s.key for s in found.ambiguous[identifier]) == ["hw1-kim", "kim"]
        assert roster.find(identifier) is None
    elif owner is None:
        assert found.matched == {} and found.unknown == [identifier] and found.ambiguous == {}
        assert roster.find(identifier) is None
    else:
        assert {k: s.key for k, s in found.matched.items()} == {identifier: owner}
        assert roster.find(identifier).key == owner


@pytest.mark.parametrize("prefix", ["hw1-", "-", "hw 1", "hw1/x", "과제1"])
def test_a_prefix_has_the_form_of_a_repository_name_without_the_final_dash(tmp_path, prefix):
    with pytest.raises(RosterError, match="GitHub Classroom assignment prefix without the final '-'"):
        load(write(tmp_path, MATCHING_ROSTER), prefix=prefix)


def test_without_a_prefix_the_ta_is_told_which_prefix_the_names_suggest(tmp_path):
    roster = load(write(tmp_path, MATCHING_ROSTER))
    assert roster.prefixes_seen(["hw1-kimdev", "hw1-jo-kim", "hw0-kimdev", "stranger"])[0] == "hw1"


def test_canvas_export_skips_points_possible_and_keeps_lms_columns(tmp_path):
    roster = load(write(tmp_path, CANVAS))
    assert roster.kind == "Canvas" and len(roster.students) == 2
    s = roster.find("leejunho")
    assert (s.student_id, s.name, s.lms_id, s.section, s.login) == ("20261235", "Lee, Junho", "502", "DL 01",
                                                                    "leejunho")


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


# ----------------------------------------------------------------- the gradebook with a roster
def _result(name: str, score: float | None, student: dict | None = None):
    from grader.results import AssignmentResult, SubmissionResult

    a = AssignmentResult("a01_perceptron", score, 20.0, "graded" if score is not None else "grader_error")
    return SubmissionResult(f"class/{name}", score, 20.0, 1.0, [a], student=student)


def test_gradebook_has_student_columns_and_a_row_for_each_entry_without_a_submission():
    import csv
    import io

    from grader.reporters import csv_report

    results = [_result("dl-lab-kimminji", 20.0, {"id": "20261234", "name": "김민지"}), _result("stranger", 13.5)]
    absent = [{"id": "20261236", "name": "박서연", "key": ""}]
    buf = io.StringIO()
    csv_report.write(results, buf, ReportOptions(language="ko", absent=absent))
    rows = list(csv.DictReader(io.StringIO(buf.getvalue().lstrip("\ufeff"))))
    assert list(rows[0])[:3] == ["identifier", "student_id", "name"]
    assert [(r["identifier"], r["student_id"], r["name"], r["total"], r["status"]) for r in rows] == [
        ("dl-lab-kimminji", "20261234", "김민지", "20", "complete"),
        ("stranger", "", "", "13.5", "complete"),          # graded, and listed: no roster entry
        ("", "20261236", "박서연", "", "no_submission")]    # no made-up 0
    assert rows[2]["a01_perceptron"] == "" and rows[2]["max_score"] == "20"


def test_gradebook_without_a_roster_keeps_its_columns():
    import io

    from grader.reporters import csv_report

    buf = io.StringIO()
    csv_report.write([_result("kim", 20.0)], buf, ReportOptions(language="ko"))
    assert buf.getvalue().lstrip("\ufeff").startswith("identifier,a01_perceptron,total,")


def test_a_student_id_cannot_inject_a_formula():
    import io

    from grader.reporters import csv_report

    buf = io.StringIO()
    csv_report.write([_result("kim", 20.0, {"id": "=HYPERLINK(1)", "name": "+x"})], buf, ReportOptions(language="ko"))
    assert ",'=HYPERLINK(1),'+x," in buf.getvalue()


def test_grade_refuses_a_broken_roster_before_grading(tmp_path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    r = subprocess.run([sys.executable, "-m", "grader", str(root / "examples" / "submissions" / "kim_minji"),
                        "--roster", str(tmp_path / "absent.csv")], cwd=root, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 2 and "--roster" in r.stderr and "no such roster file" in r.stderr
    assert "graded" not in r.stderr


# ----------------------------------------------------------------- Canvas's gradebook import
def canvas_reads(text: str) -> tuple[list[str], dict[str, str], list[dict[str, str]]]:
    """The header rules of Canvas's own importer (instructure/canvas-lms, app/models/gradebook_importer.rb:
    ``row_has_student_headers?``, ``update_column_count``, ``header?``, ``check_for_non_student_row``),
    restated: the assignment titles, the points possible, and each student row's identity and grades."""
    import csv
    import io
    import re

    rows = list(csv.reader(io.StringIO(text)))
    head = rows[0]
    assert len(head) > 3 and "Student" in head[0] and "ID" in head[1], "Canvas: invalid header row"
    columns = 3
    if re.search(r"SIS\s+Login\s+ID", head[2]):
        columns += 1
    elif re.search(r"SIS\s+User\s+ID", head[2]) and re.search(r"SIS\s+Login\s+ID", head[3]):
        columns += 2
    assert "Section" in head[columns - 1], "Canvas: invalid header row (the student columns end with Section)"
    dropped = re.compile("Current Score|Current Points|Current Grade|Final Score|Final Points|Final Grade|"
                         "Override Score|Override Grade|Override Status")
    titles = [t for t in head[columns:] if not dropped.search(t)]
    points: dict[str, str] = {}
    students = []
    for row in rows[1:]:
        if "Points Possible" in row[0]:
            points = dict(zip(head[columns:], row[columns:], strict=False))
            continue
        students.append({"name": row[0], "id": row[1], "sis_user_id": row[2], "sis_login_id": row[3],
                         **{t: row[head.index(t)].strip() for t in titles}})
    return titles, points, students


def test_canvas_import_reads_every_matched_student_with_their_scores():
    import io

    from grader.reporters import canvas

    results = [_result("dl-lab-kimminji", 13.3333, {"id": "20261234", "name": "김민지", "lms_id": "501",
                                                     "login": "kimminji", "section": "DL 01"}),
               _result("lee", None, {"id": "20261235", "name": "Lee, Junho"}),   # a grader problem: blank
               _result("stranger", 20.0)]                                          # no roster entry: no row
    buf = io.StringIO()
    canvas.write(results, buf, ReportOptions())
    titles, points, students = canvas_reads(buf.getvalue())
    assert titles == ["a01_perceptron"] and points == {"a01_perceptron": "20"}
    assert students == [
        {"name": "김민지", "id": "501", "sis_user_id": "20261234", "sis_login_id": "kimminji",
         "a01_perceptron": "13.33"},
        {"name": "Lee, Junho", "id": "", "sis_user_id": "20261235", "sis_login_id": "", "a01_perceptron": ""}]


def test_canvas_without_a_roster_is_refused():
    import io

    from grader.reporters import canvas, lms

    with pytest.raises(lms.NeedsRoster):
        canvas.write([_result("kim", 20.0)], io.StringIO(), ReportOptions())


@pytest.mark.parametrize("fmt", ["canvas", "moodle"])
def test_lms_exports_refuse_two_submissions_of_one_student(fmt):
    """Two rows for one LMS user: the import would take one, nothing saying which. No file instead."""
    import io

    from grader import reporters
    from grader.reporters import lms

    kim = {"id": "20260001", "name": "김데브", "login": "kimdev"}
    results = [_result("hw1-kimdev", 20.0, kim), _result("kimdev", 0.0, kim),
               _result("lee", 5.0, {"id": "2", "name": "이"})]
    out = io.StringIO()
    with pytest.raises(lms.SharedStudent) as info:
        reporters.write(fmt, results, out, ReportOptions())
    assert "student 20260001: class/hw1-kimdev, class/kimdev" in str(info.value) and out.getvalue() == ""


def test_grade_refuses_canvas_without_a_roster_before_grading():
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    r = subprocess.run([sys.executable, "-m", "grader", str(root / "examples" / "submissions" / "kim_minji"),
                        "-f", "canvas"], cwd=root, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "--format canvas needs a roster" in r.stderr and not r.stdout


def test_markdown_json_and_junit_name_the_student():
    import io
    import json
    import xml.etree.ElementTree as ET

    from grader.reporters import json_report, junit, markdown

    results = [_result("dl-lab-kimminji", 20.0, {"id": "20261234", "name": "김민지"}), _result("stranger", 13.5)]
    md = io.StringIO()
    markdown.write(results, md, ReportOptions(language="ko"))
    assert "| dl-lab-kimminji (20261234 김민지) |" in md.getvalue() and "| stranger |" in md.getvalue()
    js = io.StringIO()
    json_report.write(results, js, ReportOptions(language="ko"))
    assert [d["student"] for d in json.loads(js.getvalue())] == [{"id": "20261234", "name": "김민지"}, None]
    xml = io.StringIO()
    junit.write(results, xml, ReportOptions(language="ko"))
    props = [{p.get("name"): p.get("value") for p in s.find("properties")} for s in ET.fromstring(xml.getvalue())]
    assert props[0]["student_id"] == "20261234" and props[0]["student_name"] == "김민지"
    assert "student_id" not in props[1]


# ----------------------------------------------------------------- Moodle's grade import
def moodle_reads(text: str, known_idnumbers: set[str]) -> dict[str, dict[str, float | None]]:
    """Moodle's own importer (moodle/moodle, grade/import/csv/classes/load_data.php), restated for a file
    whose ``ID number`` column is mapped to ``useridnumber`` and every other column to a new grade item:
    an unknown user, a grade that is not a number, or one over gradepointmax (100) fails the whole import."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    head = rows[0]
    by_user: dict[str, dict[str, float | None]] = {}
    for row in rows[1:]:
        user = row[head.index("ID number")]
        assert user in known_idnumbers, f"Moodle: usermappingerror ({user!r}): the import fails"
        grades: dict[str, float | None] = {}
        for col, value in zip(head, row, strict=False):
            if col in ("ID number", "Full name"):
                continue
            if value.strip() in ("", "-"):
                grades[col] = None
                continue
            grade = float(value)  # a ValueError is Moodle's "badgrade": the import fails
            assert grade <= 100, "Moodle: gradevaluetoobig: the import fails"
            grades[col] = grade
        by_user[user] = grades
    return by_user


def test_moodle_import_gets_each_known_student_and_never_fails():
    import io

    from grader.reporters import moodle

    results = [_result("dl-lab-kimminji", 13.3333, {"id": "20261234", "name": "김민지"}),
               _result("lee", None, {"id": "20261235", "name": "이준호"}),   # a grader problem: no grade
               _result("stranger", 20.0)]                                  # Moodle does not know them: no row
    buf = io.StringIO()
    moodle.write(results, buf, ReportOptions(language="ko"))
    assert moodle_reads(buf.getvalue(), {"20261234", "20261235"}) == {
        "20261234": {"a01_perceptron": 13.33}, "20261235": {"a01_perceptron": None}}


# ----------------------------------------------------------------- end to end
def test_a_class_graded_with_a_classroom_roster(tmp_path):
    """Folders as `gh classroom clone` names them, a roster with one unlinked student and one stranger's
    folder: the gradebook has the whole class and grade says who is missing on which side."""
    import csv
    import io
    import shutil
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    klass = tmp_path / "dl-2026"
    for name in ("dl-lab-kimminji", "dl-lab-Lee-Junho", "dl-lab-stranger"):
        shutil.copytree(root / "reference" / "a01_perceptron", klass / name / "a01_perceptron")
    roster_file = write(tmp_path, CLASSROOM)
    base = [sys.executable, "-m", "grader", str(klass), "-a", "a01_perceptron", "--roster", str(roster_file),
            "--roster-prefix", "dl-lab", "--no-cache", "--no-plots", "--jobs", "1"]
    gradebook = subprocess.run([*base, "-f", "csv"], cwd=root, capture_output=True, text=True, timeout=300)
    assert gradebook.returncode == 0, gradebook.stderr[-2000:]
    assert "2 of 3 submission(s) matched on github_username with prefix 'dl-lab'" in gradebook.stderr
    assert "1 submission(s) without a roster entry: dl-lab-stranger" in gradebook.stderr
    assert "3 roster entries without a submission: 박서연 (20261236), 조김 (20261237), 김 (20261238)" \
        in gradebook.stderr
    rows = {r["identifier"]: r for r in csv.DictReader(io.StringIO(gradebook.stdout.lstrip("\ufeff")))}
    assert (rows["dl-lab-kimminji"]["student_id"], rows["dl-lab-Lee-Junho"]["name"]) == ("20261234", "이준호")
    assert rows["dl-lab-stranger"]["student_id"] == "" and rows["dl-lab-stranger"]["total"] == "20"
    absent = [r for r in rows.values() if r["status"] == "no_submission"]
    assert sorted(r["student_id"] for r in absent) == ["20261236", "20261237", "20261238"]
    assert all(r["total"] == "" for r in absent)
    canvas_file = subprocess.run([*base, "-f", "canvas"], cwd=root, capture_output=True, text=True, timeout=300)
    assert canvas_file.returncode == 0, canvas_file.stderr[-2000:]
    _, points, students = canvas_reads(canvas_file.stdout)
    assert points == {"a01_perceptron": "20"}
    assert sorted((s["sis_user_id"], s["a01_perceptron"]) for s in students) == [("20261234", "20"), ("20261235", "20")]


# ----------------------------------------------------------------- issue 24, point 7: a stranger's clone
def _attack_class(tmp_path: Path, folders: dict[str, str]) -> Path:
    """A class folder: each name -> "reference" (20 points) or "stub" (0: NotImplementedError)."""
    import shutil

    root = Path(__file__).resolve().parent.parent
    klass = tmp_path / "class"
    for name, source in folders.items():
        shutil.copytree(root / ("reference" if source == "reference" else "assignments") / "a01_perceptron",
                        klass / name / "a01_perceptron")
    return klass


def _grade_with_roster(tmp_path: Path, klass: Path, fmt: str, *more: str):
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    roster_file = write(tmp_path, MATCHING_ROSTER)
    return subprocess.run([sys.executable, "-m", "grader", str(klass), "-a", "a01_perceptron", "--roster",
                           str(roster_file), "--cache-dir", str(tmp_path / "cache"), "--no-plots", "--jobs", "1",
                           "-f", fmt, *more], cwd=root, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("folders, prefix, rows", [
    # the attack: the stranger's clone beside kimdev's own, and alone (kimdev never handed in)
    ({"hw1-kimdev": "reference", "hw1-x-kimdev": "stub"}, ["--roster-prefix", "hw1"], {"20260001": "20"}),
    ({"hw1-x-kimdev": "stub", "hw1-jo-kim": "reference"}, ["--roster-prefix", "hw1"], {"20260003": "20"}),
    # the same without a prefix (a zip or folder named by the login): runs on the old grader too
    ({"kimdev": "reference", "hw1-x-kimdev": "stub"}, [], {"20260001": "20"}),
    ({"hw1-x-kimdev": "stub", "jo-kim": "reference"}, [], {"20260003": "20"}),
], ids=["beside-prefix", "alone-prefix", "beside-exact", "alone-exact"])
def test_a_strangers_clone_never_takes_a_classmates_lms_row(tmp_path, folders, prefix, rows):
    klass = _attack_class(tmp_path, folders)
    canvas_file = _grade_with_roster(tmp_path, klass, "canvas", *prefix)
    assert canvas_file.returncode == 0, canvas_file.stderr[-2000:]
    _, _, students = canvas_reads(canvas_file.stdout)
    assert [(s["sis_user_id"], s["a01_perceptron"]) for s in students] == list(rows.items())  # one row, theirs
    assert "1 submission(s) without a roster entry: hw1-x-kimdev" in canvas_file.stderr
    moodle_file = _grade_with_roster(tmp_path, klass, "moodle", *prefix)
    assert moodle_file.returncode == 0, moodle_file.stderr[-2000:]
    assert moodle_reads(moodle_file.stdout, set(rows)) == {sid: {"a01_perceptron": float(v)} for sid, v in rows.items()}


def test_two_submissions_of_one_student_stop_the_lms_export_and_an_ambiguous_name_is_listed(tmp_path):
    """`hw1-kimdev` and `kimdev` are both kimdev's: Canvas and Moodle get no file (exit 2, which ones said);
    `hw1-kim` could be kim's clone or the login hw1-kim: nobody's, listed on stderr and in the gradebook."""
    import csv
    import io

    klass = _attack_class(tmp_path, {"hw1-kimdev": "reference", "kimdev": "stub", "hw1-kim": "reference"})
    for fmt in ("canvas", "moodle"):
        refused = _grade_with_roster(tmp_path, klass, fmt, "--roster-prefix", "hw1")
        assert refused.returncode == 2 and refused.stdout == "", refused.stderr[-2000:]
        assert f"--format {fmt}: several submissions map to one roster student (student 20260001: " in refused.stderr
        assert "no report written" in refused.stderr
    book = _grade_with_roster(tmp_path, klass, "csv", "--roster-prefix", "hw1")
    assert book.returncode == 0, book.stderr[-2000:]
    assert "grade: warning: hw1-kim could be the submission of 김 (20260002) or 흠일 (20260004)" in book.stderr
    assert "grade: warning: 2 submissions belong to student 20260001: hw1-kimdev, kimdev" in book.stderr
    rows = {r["identifier"]: r for r in csv.DictReader(io.StringIO(book.stdout.lstrip("\ufeff")))
            if r["status"] != "no_submission"}     # kim and hw1-kim also have rows of their own: no submission
    assert rows["hw1-kim"]["student_id"] == "" and rows["hw1-kim"]["roster_note"].startswith(
        "ambiguous: could be kim (20260002) and hw1-kim (20260004)")
    assert rows["kimdev"]["roster_note"] == "one of 2 submissions of student 20260001: hw1-kimdev, kimdev"
    assert rows["hw1-kimdev"]["student_id"] == rows["kimdev"]["student_id"] == "20260001"


def test_grade_hints_at_the_prefix_it_will_not_guess(tmp_path):
    klass = _attack_class(tmp_path, {"hw1-kimdev": "reference", "hw1-jo-kim": "stub"})
    r = _grade_with_roster(tmp_path, klass, "csv")
    assert r.returncode == 0, r.stderr[-2000:]
    assert "0 of 2 submission(s) matched on github_username" in r.stderr
    assert "--roster-prefix hw1 (or roster.prefix in grading.yml); nothing is matched by guessing" in r.stderr


def test_roster_prefix_in_grading_yml_is_checked(tmp_path):
    import yaml

    from grader import config

    root = Path(__file__).resolve().parent.parent
    data = yaml.safe_load((root / "grading.yml").read_text(encoding="utf-8"))
    data["roster"] = {"file": "roster.csv", "prefix": "hw1-"}
    path = tmp_path / "grading.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(config.ConfigError, match=r"roster\.prefix: expected a GitHub Classroom assignment prefix "
                                                 r"without the final '-'.*found a string 'hw1-'"):
        config.load(path, root=root)
    data["roster"]["prefix"] = "hw1"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded = config.load(path, root=root).roster
    assert loaded is not None and loaded.prefix == "hw1"


def test_compare_reads_a_gradebook_with_roster_notes_as_scores_only(tmp_path):
    from grader.results import compare

    book = tmp_path / "before.csv"
    book.write_text("\ufeffidentifier,student_id,name,roster_note,a01_perceptron,total,max_score,status,grader_version\n"
                    "hw1-kim,,,ambiguous: could be kim (1) and hw1-kim (2),20,20,20,complete,0.1.0\n", encoding="utf-8")
    assert compare.load(book)["hw1-kim"].assignments == {"a01_perceptron": 20.0}

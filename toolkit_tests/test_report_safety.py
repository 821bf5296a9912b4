"""Every format, read by its real reader, with student text built to attack that reader.

The hostile corpus entries ``printed_workflow_commands`` and ``exception_injection`` put workflow
commands, terminal escapes, markup and characters XML cannot hold into the printed output, the
exception's type name and its message; a submission folder is named ``<img src=x onerror=...>``.
Each format is then read as its consumer reads it: the Classroom log by the Actions runner's
command parser (:mod:`readers`), the text report as a terminal gets it, JUnit by an XML parser
(junitparser's), Markdown by a CommonMark renderer with GitHub's tables (markdown-it-py).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from junitparser import JUnitXml
from markdown_it import MarkdownIt

from corpus import ROOT, build, entries
from readers import actions_log

ATTACKS = ["hostile/printed_workflow_commands", "hostile/exception_injection"]
IMG = "<img src=x onerror=alert(1)>"
ESCAPED = "kim\x1b]0;pwned\x07\x1b[2J"  # a folder name (an LMS keeps the student's own file name)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _grade(target: Path, *args: str, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    return subprocess.run([sys.executable, "-m", "grader", str(target), "-a", "a01_perceptron", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def attacks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    by_id = {e.id: e for e in entries()}
    return {eid: build(by_id[eid], tmp_path_factory.mktemp("attack"), {"ROOT": ROOT}) for eid in ATTACKS}


@pytest.mark.parametrize("eid", ATTACKS)
def test_the_classroom_log_holds_exactly_the_two_real_notices(eid: str, attacks: dict[str, Path], tmp_path: Path):
    log = _grade(attacks[eid], "-f", "classroom", "--language", "en", cache=tmp_path)
    assert log.returncode == 0, log.stderr[-2000:]
    plain = json.loads(_grade(attacks[eid], "-f", "json", cache=tmp_path).stdout)
    commands = actions_log(log.stdout)
    assert [(name, props) for name, props, _ in commands] == [
        ("notice", {"title": "Autograding complete"}), ("notice", {"title": "Autograding report"})], commands
    assert commands[0][2] == f"Points {plain['score']:g}/{plain['max_score']:g}" and plain["score"] < 20
    assert json.loads(commands[1][2]) == {"totalPoints": plain["score"], "maxPoints": plain["max_score"]}
    assert "Points 143/143" in log.stdout  # the student's text is still shown to the student, defused


@pytest.mark.parametrize("eid", ATTACKS)
def test_the_terminal_gets_no_control_character(eid: str, attacks: dict[str, Path], tmp_path: Path):
    out = _grade(attacks[eid], "--language", "en", cache=tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    assert not CONTROL.search(out.stdout.replace("\n", "").replace("\t", "")), \
        sorted(set(CONTROL.findall(out.stdout.replace("\n", "").replace("\t", ""))))
    assert not CONTROL.search(out.stderr.replace("\n", "").replace("\t", ""))


def _class(attacks: dict[str, Path], tmp_path: Path) -> Path:
    folder = tmp_path / "class"
    folder.mkdir()
    for built in attacks.values():
        shutil.copytree(built, folder / built.name)
    shutil.copytree(ROOT / "reference" / "a01_perceptron", folder / IMG / "a01_perceptron")
    shutil.copytree(ROOT / "reference" / "a01_perceptron", folder / ESCAPED / "a01_perceptron")
    return folder


def test_a_class_run_tells_the_terminal_names_without_their_escapes(attacks: dict[str, Path], tmp_path: Path):
    r = _grade(_class(attacks, tmp_path), "--language", "en", cache=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    for stream in (r.stdout, r.stderr):
        assert not CONTROL.search(stream.replace("\n", "").replace("\t", ""))
    assert "class/kim " in r.stdout and "class/kim" in r.stderr  # named, the title-setting sequence gone whole


def test_junit_is_xml_a_ci_dashboard_can_read(attacks: dict[str, Path], tmp_path: Path):
    out = tmp_path / "junit.xml"
    r = _grade(_class(attacks, tmp_path), "-f", "junit", "-o", str(out), cache=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    suites = list(JUnitXml.fromfile(str(out)))
    assert {s.name for s in suites} == {f"{n}/a01_perceptron" for n in (*(p.name for p in attacks.values()), IMG,
                                                                        "kim")}
    failures = [res.message for s in suites for case in s for res in case.result]
    assert any("Points 143/143" in (m or "") for m in failures)  # the message is there, as text


def test_markdown_renders_student_text_as_text(attacks: dict[str, Path], tmp_path: Path):
    r = _grade(_class(attacks, tmp_path), "-f", "markdown", cache=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    html = md.render(r.stdout)
    assert "<img" not in html and "onerror=alert(1)&gt;" in html  # the name is shown, as text
    raw = [t for t in md.parse(r.stdout) for t in [t, *(t.children or [])] if t.type in ("html_inline", "html_block")]
    assert all(re.fullmatch(r"\s*</?(details|summary)>.*", t.content, re.S) for t in raw), [t.content for t in raw]

"""The README stays a guide whose commands and links are true.

CI runs the README's test command verbatim; the README is at most 400 lines (the rest lives in
``docs/``); and every relative Markdown link in the project's documentation leads somewhere: to a
file or folder that exists and, for ``file.md#anchor``, to a heading of that file under GitHub's
anchor rules, so moving a section never leaves a reader at a dead link.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README_MAX_LINES = 400


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_has_two_commands_and_ci_runs_the_test_one():
    main, tests = _commands()
    assert main.startswith("python3 -m pip install -e '.[keras]' && grade ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines(), f"{tests!r} is not a line of .ci/run"


def test_main_command_paths_exist():
    main, _ = _commands()
    target = ROOT / main.split("grade ", 1)[1]
    assert target.is_dir() and len([p for p in target.iterdir() if p.is_dir()]) >= 3, target


def test_readme_is_a_guide_of_at_most_400_lines():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    assert lines <= README_MAX_LINES, f"README.md has {lines} lines; move detail into docs/"


# --- links -------------------------------------------------------------------------------------

FENCE = re.compile(r"^(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


NAMED = ("README.md", "ARCHITECTURE.md", "CHANGELOG.md", "benchmarks/LOG.md")


def _documents() -> list[Path]:
    named = [ROOT / name for name in NAMED if (ROOT / name).is_file()]
    return named + sorted((ROOT / "docs").rglob("*.md"))


def test_the_documents_exist():
    assert [name for name in NAMED if not (ROOT / name).is_file()] == []
    assert (ROOT / "docs").is_dir()


def _prose_lines(text: str, code_spans: bool = False) -> list[tuple[int, str]]:
    """(line number, line) outside fenced code blocks; inline code spans blanked out unless kept."""
    lines, fenced = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if FENCE.match(line.lstrip()):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((number, line if code_spans else CODE_SPAN.sub("", line)))
    return lines


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: its text lowercased, punctuation dropped, spaces to '-'."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link's text stays
    text = re.sub(r"<[^>]+>", "", text).lower()
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every heading anchor of a Markdown file; a repeated heading gets -1, -2, ... as on GitHub."""
    seen: dict[str, int] = {}
    for _, line in _prose_lines(path.read_text(encoding="utf-8"), code_spans=True):
        match = HEADING.match(line)
        if not match:
            continue
        slug = github_slug(match.group(2).replace("`", ""))  # a code span's text stays in the anchor
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        if count:
            seen.setdefault(f"{slug}-{count}", 1)
    return set(seen)


def _broken_links(document: Path) -> list[str]:
    raw = document.read_text(encoding="utf-8")
    problems = []
    for number, line in _prose_lines(raw):
        for target in LINK.findall(line):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):  # http:, https:, mailto:
                continue
            file_part, _, anchor = target.partition("#")
            resolved = (document.parent / file_part).resolve() if file_part else document
            where = f"{document.relative_to(ROOT)}:{number}: {target}"
            if ROOT not in resolved.parents and resolved != ROOT:
                problems.append(f"{where} leads outside the repository")
            elif not resolved.exists():
                problems.append(f"{where}: no such file")
            elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
                problems.append(f"{where}: no heading with that anchor in {resolved.relative_to(ROOT)}")
    return problems


@pytest.mark.parametrize("document", _documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_leads_to_a_file_and_heading(document):
    assert _broken_links(document) == []


def test_the_slug_rules_are_githubs():
    assert github_slug("A TA's term, end to end") == "a-tas-term-end-to-end"
    assert github_slug("Similarity (grade similarity)") == "similarity-grade-similarity"
    assert github_slug("2026-11-30: bench_scale.py (issue 18), the whole run") == (
        "2026-11-30-bench_scalepy-issue-18-the-whole-run"
    )
    assert github_slug("Isolation as root, step by step (_isolate.isolate)") == (
        "isolation-as-root-step-by-step-_isolateisolate"
    )
    assert github_slug("활성화 함수") == "활성화-함수"


def test_the_python_example_grades_the_examples(tmp_path):
    """The README's "Scripting a term in Python" block, run verbatim from the repository root as a TA
    runs it: every example graded, the full-marks one at full marks, the summary line said."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Scripting a term in Python", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.+?)\n```", section, flags=re.S)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines() if line.startswith("examples/"))
    assert sorted(lines) == [f"examples/submissions/{n}" for n in ("kim_minji", "lee_junho", "park_seoyeon")]
    assert lines["examples/submissions/kim_minji"] == "50.0 / 50.0"  # a01 20 + a02 30
    assert any(line.startswith("graded 3 submission(s)") for line in out.stdout.splitlines())

"""``--format text`` (default): scores per assignment, then the tests that lost points and why.

Uses rich for tables because Korean characters are double width and rich
measures East Asian widths correctly; colour only on a terminal.
"""
from __future__ import annotations

from typing import TextIO

from grader.messages import Language, Message
from grader.results import SubmissionResult

STATUS = {
    "passed": (Message("통과", "passed"), "green"),
    "failed": (Message("실패", "failed"), "red"),
    "error": (Message("오류", "error"), "red"),
    "timeout": (Message("시간 초과", "timeout"), "yellow"),
    "graded": (Message("채점됨", "graded"), "green"),
    "missing": (Message("제출 안 됨", "missing"), "yellow"),
}


def _label(status: str, language: Language) -> str:
    m = STATUS.get(status, (Message(status, status), ""))[0]
    return m.en if language == "en" else f"{m.ko} ({m.en})"


def _num(x: float) -> str:
    return f"{x:.4g}"


def write(results: list[SubmissionResult], out: TextIO, language: Language, single: bool,
          options: dict | None = None) -> None:
    """Per submission: the total; per assignment: its score, how many tests passed, and a
    table of the tests that lost points followed by their messages (passing rows are
    counted, not listed: that is what a TA and a student read first)."""
    from rich.console import Console  # imported here: JSON runs need not pay for rich
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, width=110, highlight=False, soft_wrap=False,
                      force_terminal=None if out.isatty() else False)
    for r in results:
        head = "제출물" if language == "ko" else "submission"
        console.print(Text(f"{head}: {r.submission}   {_num(r.score)} / {_num(r.max_score)}   "
                           f"({r.execution_time:.1f} s)", style="bold"))
        for a in r.assignments:
            passed = sum(t.status == "passed" for t in a.tests)
            count = (f"  {passed}/{len(a.tests)} " + ("tests passed" if language == "en" else "통과 (tests passed)")
                     if a.tests else "")
            console.print(Text(f"  {a.id} {a.title}  [{_num(a.score)} / {_num(a.max_score)}]  "
                               f"{_label(a.status, language)}{count}",
                               style=STATUS.get(a.status, (None, ""))[1] if a.status != "graded" else ""))
            if a.message:
                console.print(Text("    " + a.message.replace("\n", "\n    ")), soft_wrap=True)
            for t in a.tests:
                if t.status == "passed" and t.data and t.output:  # feedback such as the accuracy reached
                    console.print(Text(f"    ✓ {t.name}", style="bold"), soft_wrap=True)
                    console.print(Text("      " + t.output.replace("\n", "\n      ")), soft_wrap=True)
            lost = [t for t in a.tests if t.status != "passed"]
            if not lost:
                continue
            table = Table(show_edge=False, pad_edge=False, expand=False, box=None, padding=(0, 2))
            table.add_column("test" if language == "en" else "테스트 (test)", overflow="fold", max_width=70)
            table.add_column("status" if language == "en" else "결과 (status)", no_wrap=True)
            table.add_column("score" if language == "en" else "점수 (score)", justify="right", no_wrap=True)
            for t in lost:
                style = STATUS.get(t.status, (None, ""))[1]
                table.add_row("    " + t.name, Text(_label(t.status, language), style=style),
                              f"{_num(t.score)}/{_num(t.max_score)}")
            console.print(table)
            for t in lost:
                if t.output:
                    console.print(Text(f"    ✗ {t.name}", style="bold"), soft_wrap=True)
                    console.print(Text("      " + t.output.replace("\n", "\n      ")), soft_wrap=True)
        if r.grader_errors:
            head = ("grader problem (not the student's doing; not cached, a rerun regrades):" if language == "en"
                    else "채점기 문제 (학생의 잘못이 아님, 다시 실행하면 재채점) (grader problem, not cached):")
            console.print(Text(f"  {head}", style="yellow"))
            for e in r.grader_errors:
                console.print(Text(f"    {e}"), soft_wrap=True)
        console.print()

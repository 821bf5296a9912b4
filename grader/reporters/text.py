"""``--format text`` (default): scores per assignment, then the tests that lost points and why.

Uses rich for tables because Korean characters are double width and rich
measures East Asian widths correctly; colour only on a terminal.
"""
from __future__ import annotations

from typing import TextIO

from grader.messages import Language, Message
from grader.reporters import lateness, leaderboard
from grader.reporters.points import shown
from grader.reporters.protocol import Leaderboard, ReportOptions
from grader.results import SubmissionResult

STATUS = {
    "passed": (Message("통과", "passed"), "green"),
    "failed": (Message("실패", "failed"), "red"),
    "error": (Message("오류", "error"), "red"),
    "timeout": (Message("시간 초과", "timeout"), "yellow"),
    "graded": (Message("채점됨", "graded"), "green"),
    "missing": (Message("제출 안 됨", "missing"), "yellow"),
    "grader_error": (Message("채점기 문제, 점수 없음", "grader problem, no score"), "yellow"),
}


def _label(status: str, language: Language) -> str:
    m = STATUS.get(status, (Message(status, status), ""))[0]
    return m.en if language == "en" else f"{m.ko} ({m.en})"


NAME_CELLS = 60  # a lost test's name, in terminal cells, before it is cut with an ellipsis


# What grade asks this format (reporters.Reporter).
NEEDS_ROSTER = False
LEADERBOARD: Leaderboard = "pseudonym"
SHOWS_SIMILARITY = False


def write(results: list[SubmissionResult], out: TextIO, options: ReportOptions) -> None:
    """Per submission: the total; per assignment: its score, how many tests passed, and a
    table of the tests that lost points followed by their messages (passing rows are
    counted, not listed: that is what a TA and a student read first)."""
    from rich.cells import cell_len, set_cell_size  # imported here: JSON runs need not pay for rich
    from rich.console import Console
    from rich.text import Text

    language = options.language
    console = Console(file=out, width=110, highlight=False, soft_wrap=False,
                      force_terminal=None if out.isatty() else False)
    for r in results:
        head = "제출물" if language == "ko" else "submission"
        whose = f" ({r.student['id']} {r.student['name']})" if r.student else ""
        console.print(Text(f"{head}: {r.submission}{whose}   {shown(r.score)} / {shown(r.max_score)}   "
                           f"({r.execution_time:.1f} s)", style="bold"))
        name = leaderboard.own(r, options.leaderboard_salt)
        if name:
            label = "리더보드 별칭 (leaderboard pseudonym)" if language == "ko" else "leaderboard pseudonym"
            console.print(Text(f"  {label}: {name}"))
        if not r.final:
            warning = Message("최종 점수가 아닙니다: 채점기 문제로 점수를 매기지 못한 과제가 있습니다 (학생의 잘못이 "
                              "아님). "
                              "채점 환경을 고친 뒤 다시 채점하세요.",
                              "NOT FINAL: the grader could not score some assignments (not the student's doing). "
                              "Fix the grading machine and grade again.")
            console.print(Text("  " + warning.render(language).replace("\n", "\n  "), style="bold yellow"),
                          soft_wrap=True)
        for a in r.assignments:
            passed = sum(t.status == "passed" for t in a.tests)
            count = (f"  {passed}/{len(a.tests)} " + ("tests passed" if language == "en" else "통과 (tests passed)")
                     if a.tests else "")
            console.print(Text(f"  {a.id} {a.title}  [{shown(a.score)} / {shown(a.max_score)}]  "
                               f"{_label(a.status, language)}{count}",
                               style=STATUS.get(a.status, (None, ""))[1] if a.status != "graded" else ""))
            late = lateness.line(a, language)
            if late:
                style = "yellow" if a.late and a.late.days_late else ""
                console.print(Text("    " + late.replace("\n", "\n    "), style=style), soft_wrap=True)
                for n in a.late.notes if a.late else ():
                    console.print(Text(f"    ! {n}", style="yellow"), soft_wrap=True)
            if a.message:
                console.print(Text("    " + a.message.replace("\n", "\n    ")), soft_wrap=True)
            for t in a.tests:
                if t.status == "passed" and t.data and t.output:  # feedback such as the accuracy reached
                    console.print(Text(f"    ✓ {t.name}", style="bold"), soft_wrap=True)
                    console.print(Text("      " + t.output.replace("\n", "\n      ")), soft_wrap=True)
            lost = [t for t in a.tests if t.status != "passed"]
            if not lost:
                continue
            # One line per test, the name cut or padded to a width measured in terminal cells (Korean
            # characters take two), so the columns stay aligned however long the names are.
            width = min(NAME_CELLS, max(cell_len(t.name) for t in lost))
            for t in lost:
                style = STATUS.get(t.status, (None, ""))[1]
                name = t.name if cell_len(t.name) <= width else set_cell_size(t.name, width - 1) + "…"
                line = Text("    " + set_cell_size(name, width) + "  ")
                line.append(_label(t.status, language), style=style)
                line.append(f"  {shown(t.score)}/{shown(t.max_score)}")
                console.print(line, no_wrap=True, overflow="ignore")
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

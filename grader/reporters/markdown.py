"""``--format markdown``: for ``$GITHUB_STEP_SUMMARY`` or a TA's notes.

One submission: its score per assignment and every test that lost points with
the message. Several: a gradebook table, then the same detail per submission.
Student text is put in code blocks, so nothing it contains is rendered as markup.
"""
from __future__ import annotations

from typing import TextIO

from grader.reporters import lateness, leaderboard
from grader.reporters.csv_report import status
from grader.reporters.points import shown
from grader.reporters.protocol import Leaderboard, ReportOptions
from grader.results import AssignmentResult, SubmissionResult
from grader.submissions.identity import identifiers

# CommonMark's backslash escapes: a name or title with ``[x](javascript:...)``, ``![](https://...)``,
# ``**``, ``~~`` or a table pipe stays text (``_`` inside a word is never emphasis: left as it is).
# ``<``, ``>`` and ``&`` become entities (a backslash does not stop an HTML tag in every renderer).
_MARKUP = str.maketrans({**{c: "\\" + c for c in "\\`*[]!|~"},
                         "<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": " "})


def _cell(text: str) -> str:
    """Student-derived text inside a table cell or heading: shown as text, never as markup."""
    return text.translate(_MARKUP)


def _boards(results: list[SubmissionResult], out: TextIO, ko: bool, salt: str | None) -> None:
    """The Keras labs' leaderboards, under pseudonyms (see reporters.leaderboard)."""
    for aid, entries in leaderboard.boards(results, salt).items():
        out.write(f"### {'리더보드 (leaderboard)' if ko else 'Leaderboard'}: {aid}\n\n"
                  "| rank | pseudonym | test accuracy |\n|---|---|---|\n")
        for e in entries:
            out.write(f"| {e.rank} | {e.name} | {e.accuracy:.4f} |\n")
        out.write("\n")


def _late_mark(a: AssignmentResult) -> str:
    """`` (late 2d, -20%)`` in a gradebook cell; nothing on time or without a deadline."""
    return f" (late {a.late.days_late}d, -{a.late.penalty:g}%)" if a.late and a.late.days_late else ""


def _fence(text: str) -> str:
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}text\n{text}\n{fence}"


# What grade asks this format (reporters.Reporter).
NEEDS_ROSTER = False
LEADERBOARD: Leaderboard = "class board"
SHOWS_SIMILARITY = False


def write(results: list[SubmissionResult], out: TextIO, options: ReportOptions) -> None:
    language, ko = options.language, options.language == "ko"
    pending = sum(not r.final for r in results)
    if pending:
        out.write(("> **채점기 문제로 최종 점수가 아닙니다 (not final: a grader problem)**: " if ko else
                   "> **Not final: a grader problem**: ") +
                  (f"{pending}개 제출물의 일부 과제에 점수가 없습니다. "
                   "채점 환경을 고친 뒤 다시 채점하세요.\n\n" if ko else
                   f"{pending} submission(s) have assignments without a score. "
                   "Fix the grading machine and grade again.\n\n"))
    if not options.single:
        ids = list(dict.fromkeys(a.id for r in results for a in r.assignments))
        out.write("| " + " | ".join(["student", *ids, "total", "status"]) + " |\n")
        out.write("|" + "---|" * (len(ids) + 3) + "\n")
        for r, who in zip(results, identifiers(results), strict=True):
            by_id = {a.id: a for a in r.assignments}
            cells = [_cell(who + (f" ({r.student['id']} {r.student['name']})" if r.student else "")),
                     *(f"{shown(by_id[i].score)}/{shown(by_id[i].max_score)}{_late_mark(by_id[i])}"
                       if i in by_id else "" for i in ids),
                     f"**{shown(r.score)}/{shown(r.max_score)}**", _cell(status(r))]
            out.write("| " + " | ".join(cells) + " |\n")
        out.write("\n")
        _boards(results, out, ko, options.leaderboard_salt)
    for r, who in zip(results, identifiers(results), strict=True):
        out.write(f"## {_cell(who)}: {shown(r.score)} / {shown(r.max_score)}\n\n")
        name = leaderboard.own(r, options.leaderboard_salt)
        if name:
            out.write(f"{'리더보드 별칭 (leaderboard pseudonym)' if ko else 'Leaderboard pseudonym'}: `{name}`\n\n")
        out.write("| assignment | score | status |\n|---|---|---|\n" if not ko else
                  "| 과제 (assignment) | 점수 (score) | 상태 (status) |\n|---|---|---|\n")
        for a in r.assignments:
            out.write(f"| {a.id} {_cell(a.title)} | {shown(a.score)}/{shown(a.max_score)} | {a.status} |\n")
        out.write("\n")
        for a in r.assignments:
            late = lateness.line(a, language)
            if late:
                out.write(f"**{a.id}**: {_cell(late)}\n\n")
        for a in r.assignments:
            lost = [t for t in a.tests if t.status != "passed"]
            if a.message:
                out.write(f"**{a.id}**\n\n{_fence(a.message)}\n\n")
            if lost:
                out.write(f"<details><summary>{a.id}: {len(lost)} "
                          f"{'테스트에서 감점 (tests lost points)' if ko else 'tests lost points'}</summary>\n\n")
                for t in lost:
                    out.write(f"- **{_cell(t.name)}** ({t.status}, {shown(t.score)}/{shown(t.max_score)})\n\n")
                    if t.output:
                        out.write(_fence(t.output) + "\n\n")
                out.write("</details>\n\n")

"""How an assignment's lateness reads, in every format: one wording, so the student's text report,
the Classroom log, Gradescope and the class report say the same thing.

The unpenalised score is always in it, so a student sees what the work earned and what lateness
cost, and a TA who grants an extension afterwards sees what the grade becomes.
"""
from __future__ import annotations

from datetime import datetime

from grader.messages import Language, Message
from grader.reporters.points import shown
from grader.results import AssignmentResult, Lateness


def _when(iso: str) -> str:
    """``2026-09-21T23:59:00+09:00`` -> ``2026-09-21 23:59 +09:00``: minutes are what a deadline is about."""
    t = datetime.fromisoformat(iso)
    offset = t.strftime("%z")
    return t.strftime("%Y-%m-%d %H:%M") + (f" {offset[:3]}:{offset[3:]}" if offset else "")


def message(a: AssignmentResult) -> Message | None:
    """What lateness did to ``a``: None when it has no deadline."""
    late: Lateness | None = a.late
    if late is None:
        return None
    due = _when(late.deadline) + (f" ({late.extension})" if late.extension else "")
    if late.submitted_at is None:
        return Message(f"마감 {due}: 제출 시각을 알 수 없어 감점하지 않았습니다",
                       f"due {due}: no hand-in time known, not penalised")
    came = f"{_when(late.submitted_at)}, {late.source}"
    if late.days_late == 0:
        return Message(f"기한 내 제출 (마감 {due}, 제출 {came})", f"on time (due {due}, handed in {came})")
    before, after = shown(late.unpenalised_score), shown(a.score)
    return Message(f"{late.days_late}일 늦은 제출 (마감 {due}, 제출 {came}): {late.penalty:g}% 감점, "
                   f"감점 전 {before}점 → {after}점",
                   f"{late.days_late} day(s) late (due {due}, handed in {came}): {late.penalty:g}% off, "
                   f"{before} before the penalty -> {after}")


def line(a: AssignmentResult, language: Language) -> str:
    """The message rendered, or empty."""
    m = message(a)
    return "" if m is None else m.render(language)

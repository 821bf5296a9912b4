"""Late days (pure): how late a hand-in was and what it costs, by grading.yml's ``late_policy``.

No I/O and no clock: the deadline and the hand-in time come in, the penalty goes out, so the
rule a TA reads in docs/term.md is the rule tested here.

* Past the deadline (the student's extension included) by no more than ``grace_minutes``: on time.
* Later: late by every started day after the deadline (a minute past the grace is 1 day, 24 h and
  one minute is 2), ``penalty_per_day`` percent of the earned score per day, capped at
  ``max_penalty`` percent.
* ``late: reject``: anything late scores 0 (a penalty of 100 %); the unpenalised score is kept.
"""
from __future__ import annotations

import dataclasses
import math
from datetime import datetime, timedelta

from grader.config import LatePolicy
from grader.results import AssignmentResult, Lateness, SubmissionResult

DAY = timedelta(days=1)


# The rule's inputs are grading.yml's late_policy: section itself (grace_minutes, penalty_per_day
# in percent per started day, max_penalty in percent, late: accept or reject), one type for both.
Policy = LatePolicy


def days_late(submitted: datetime, deadline: datetime, grace_minutes: float) -> int:
    """Started days past ``deadline``; 0 within the grace period."""
    over = submitted - deadline
    if over <= timedelta(minutes=grace_minutes):
        return 0
    return max(1, math.ceil(over / DAY))


def penalty(days: int, policy: Policy) -> float:
    """Percent taken off for ``days`` late."""
    if days <= 0:
        return 0.0
    if policy.late == "reject":
        return 100.0
    return float(min(policy.max_penalty, days * policy.penalty_per_day))


def lateness(deadline: datetime, submitted: datetime | None, source: str, policy: Policy,
             extension: str = "", notes: list[str] | None = None) -> Lateness:
    """The record for one assignment, before its score is known (:func:`apply` fills that in)."""
    days = 0 if submitted is None else days_late(submitted, deadline, policy.grace_minutes)
    return Lateness(deadline=deadline.isoformat(), submitted_at=None if submitted is None else submitted.isoformat(),
                    source=source, days_late=days, penalty=penalty(days, policy), unpenalised_score=None,
                    extension=extension, notes=list(notes or []))


def apply(result: AssignmentResult, late: Lateness) -> AssignmentResult:
    """The assignment with its lateness recorded and the penalty taken off its score. A missing
    assignment has nothing to be late with; a grader problem keeps no score (and its lateness)."""
    if result.status == "missing":
        return result
    late = dataclasses.replace(late, unpenalised_score=result.score)
    score = None if result.score is None else round(result.score * (1 - late.penalty / 100), 4)
    return dataclasses.replace(result, score=score, late=late)


def retotal(result: SubmissionResult) -> SubmissionResult:
    """The submission's total again after penalties (None while an assignment has no score)."""
    scores = [a.score for a in result.assignments]
    total = None if None in scores else round(sum(s for s in scores if s is not None), 4)
    return dataclasses.replace(result, score=total)

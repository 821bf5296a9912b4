"""``grade audit``'s report: each mutant's fate, and the figures per assignment and overall.

Typed results like a grade's, below the reporters that render them (``grader/reporters/audit.py``);
running the audit is ``grader/tools/audit.py``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

MutantStatus = Literal["killed", "survived", "equivalent"]


@dataclass
class MutantResult:
    assignment: str
    file: str
    line: int
    operator: str
    diff: str
    status: MutantStatus
    detail: str = ""  # the failing test (killed) or the allow-list reason (equivalent)


@dataclass
class AssignmentAudit:
    id: str
    killed: int
    total: int
    equivalent: int
    survivors: list[dict[str, Any]] = field(default_factory=list)
    allowed: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """Killed share of the mutants that are not reviewed as equivalent."""
        judged = self.total - self.equivalent
        return self.killed / judged if judged else 1.0


@dataclass
class AuditReport:
    killed: int
    total: int
    equivalent: int
    assignments: list[AssignmentAudit]

    @property
    def ratio(self) -> float:
        judged = self.total - self.equivalent
        return self.killed / judged if judged else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"killed": self.killed, "total": self.total, "equivalent": self.equivalent,
                "ratio": round(self.ratio, 4),
                "assignments": [{**asdict(a), "ratio": round(a.ratio, 4)} for a in self.assignments]}


def summarise(results: list[MutantResult], ids: list[str]) -> AuditReport:
    """Pure: mutant results in, per-assignment figures out."""
    per = []
    for aid in ids:
        mine = [r for r in results if r.assignment == aid]
        per.append(AssignmentAudit(
            id=aid, killed=sum(r.status == "killed" for r in mine), total=len(mine),
            equivalent=sum(r.status == "equivalent" for r in mine),
            survivors=[{"file": r.file, "line": r.line, "operator": r.operator, "diff": r.diff}
                       for r in mine if r.status == "survived"],
            allowed=[{"file": r.file, "line": r.line, "diff": r.diff, "reason": r.detail}
                     for r in mine if r.status == "equivalent"]))
    return AuditReport(killed=sum(a.killed for a in per), total=sum(a.total for a in per),
                       equivalent=sum(a.equivalent for a in per), assignments=per)

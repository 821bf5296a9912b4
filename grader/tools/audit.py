"""``grade audit``: does every hidden suite catch wrong code? (mutation analysis)

Each mutant of an assignment's reference (see :mod:`grader.tools.mutate`) is written
into its own copy of ``reference/`` and graded by the same trusted oracle and
sandbox as a student (``-x``: a mutant is *killed* at its first failing test).
A mutant no test fails *survived*, unless ``audit.yml`` lists it as reviewed
and equivalent (no test can or should tell it apart), with the reason.

Pure bookkeeping lives here; running is :func:`run`, rendering is in
``grader/reporters/audit.py``.

``audit.yml`` matches a mutant by assignment, file, original line and mutated line
(line numbers move; text rarely does). Two identical lines in one file therefore
share an entry: it only ever applies to *survivors*, so a twin that the suite kills
is still counted as killed, but review a new survivor whose line has a twin.
"""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from grader import config as config_mod
from grader.config import AssignmentConfig, Config
from grader.run import engine
from grader.tools.mutate import Mutant, mutants

MutantStatus = Literal["killed", "survived", "equivalent"]
AUDIT_CALL_TIMEOUT = 2.0  # a mutant that loops forever costs this, once (import failures are cached)


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


def load_allowlist(path: Path) -> dict[tuple[str, str, str, str], str]:
    """``audit.yml``: reviewed equivalent mutants -> reason. Missing file: nothing allowed."""
    if not path.is_file():
        return {}
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    out = {}
    for i, e in enumerate(entries):
        try:
            out[(e["assignment"], e["file"], e["original"].strip(), e["mutated"].strip())] = str(e["reason"])
        except (KeyError, TypeError, AttributeError):
            raise config_mod.ConfigError(f"{path}: entry {i + 1}: expected assignment, file, original, "
                                         f"mutated and reason") from None
    return out


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


def _audit_config(cfg: Config, scratch: Path) -> Config:
    """The course config with a short per-call timeout (mutants can loop forever)."""
    data = yaml.safe_load(cfg.path.read_text(encoding="utf-8"))
    data.setdefault("defaults", {})["call_timeout"] = AUDIT_CALL_TIMEOUT
    for a in data["assignments"].values():
        a.pop("call_timeout", None)
    path = scratch / "grading.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return config_mod.load(path, root=cfg.root)


def _run_one(cfg: Config, a: AssignmentConfig, m: Mutant, scratch: Path) -> tuple[MutantStatus, str]:
    work = Path(tempfile.mkdtemp(prefix="mutant-", dir=scratch))
    try:
        target = work / "submission"
        shutil.copytree(cfg.reference_dir, target, ignore=shutil.ignore_patterns("__pycache__"))
        (target / a.id / m.file).write_text(m.source, encoding="utf-8")
        try:
            outcomes = engine.run_oracle(cfg, [a], target, work, "en", [], extra=["-x"])
        except (RuntimeError, OSError, ValueError) as exc:
            return "killed", f"the oracle stopped: {str(exc).splitlines()[0][:200]}"
        for o in outcomes.get("outcomes", []):
            if o["status"] != "passed":
                return "killed", f"{o['nodeid']} ({o['status']})"
        if not outcomes.get("outcomes"):
            return "killed", "no test ran: " + "; ".join(outcomes.get("collect_errors", []))[:200]
        return "survived", ""
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(cfg: Config, assignments: list[AssignmentConfig], jobs: int = 2,
        progress: Callable[[int, int], None] | None = None) -> AuditReport:
    allow = load_allowlist(cfg.root / "audit.yml")
    todo: list[tuple[AssignmentConfig, Mutant]] = []
    for a in assignments:
        for f in a.files:
            path = cfg.reference_dir / a.id / f
            todo += [(a, m) for m in mutants(f, path.read_text(encoding="utf-8"))]
    results: list[MutantResult | None] = [None] * len(todo)
    with tempfile.TemporaryDirectory(prefix="dlgrader-audit-") as tmp:
        scratch = Path(tmp)
        audit_cfg = _audit_config(cfg, scratch)
        audit_assignments = {a.id: audit_cfg.assignments[a.id] for a in assignments}
        done = 0

        def one(i: int) -> None:
            nonlocal done
            a, m = todo[i]
            reason = allow.get((a.id, m.file, m.original, m.mutated))
            status, detail = _run_one(audit_cfg, audit_assignments[a.id], m, scratch)
            if status == "survived" and reason is not None:
                status, detail = "equivalent", reason
            results[i] = MutantResult(a.id, m.file, m.line, m.operator, m.diff, status, detail)
            done += 1
            if progress:
                progress(done, len(todo))

        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            list(pool.map(one, range(len(todo))))
    return summarise([r for r in results if r is not None], [a.id for a in assignments])

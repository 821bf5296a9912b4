"""``grade audit``: does every hidden suite catch wrong code? (mutation analysis)

Each mutant of an assignment's reference (see :mod:`grader.tools.mutate`) is written
into its own copy of ``reference/`` and graded by the same trusted oracle and
sandbox as a student (``-x``: a mutant is *killed* at its first failing test).
A mutant no test fails *survived*, unless ``audit.yml`` lists it as reviewed
and equivalent (no test can or should tell it apart), with the reason.

Running is :func:`run`; the report's types and its pure bookkeeping are in
``grader/results/audit.py``, rendering in ``grader/reporters/audit.py``.

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
from pathlib import Path

import yaml

from grader import config as config_mod
from grader.config import AssignmentConfig, Config
from grader.results.audit import AuditReport, MutantResult, MutantStatus, summarise
from grader.run import engine
from grader.tools.mutate import Mutant, mutants

AUDIT_CALL_TIMEOUT = 2.0  # a mutant that loops forever costs this, once (import failures are cached)


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

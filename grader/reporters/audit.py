"""Rendering of ``grade audit`` results: JSON (the issue's contract) and text."""
from __future__ import annotations

import json
from typing import TextIO

from grader.results.audit import AuditReport


def write_json(report: AuditReport, out: TextIO) -> None:
    json.dump(report.to_dict(), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_text(report: AuditReport, out: TextIO) -> None:
    out.write(f"mutants killed: {report.killed}/{report.total - report.equivalent} ({report.ratio:.1%}), "
              f"{report.equivalent} reviewed as equivalent (audit.yml), {report.total} generated\n")
    for a in report.assignments:
        out.write(f"\n{a.id}: {a.killed}/{a.total - a.equivalent} killed ({a.ratio:.1%}), "
                  f"{a.equivalent} equivalent, {len(a.survivors)} survived\n")
        for s in a.survivors:
            out.write(f"  survived ({s['operator']}) {s['file']}:{s['line']}\n")
            out.write("".join(f"    {ln}\n" for ln in s["diff"].splitlines()[2:]))
        for s in a.allowed:
            out.write(f"  equivalent {s['file']}:{s['line']}: {s['reason']}\n")

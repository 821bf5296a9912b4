"""``--format json``: the results contract of docs/formats.md (one object, or a list for many)."""
from __future__ import annotations

import json
from typing import TextIO

from grader.reporters.protocol import Leaderboard, ReportOptions
from grader.results import SubmissionResult

# What grade asks this format (reporters.Reporter).
NEEDS_ROSTER = False
LEADERBOARD: Leaderboard = "none"
SHOWS_SIMILARITY = False


def write(results: list[SubmissionResult], out: TextIO, options: ReportOptions) -> None:
    data = results[0].to_dict() if options.single else [r.to_dict() for r in results]
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")

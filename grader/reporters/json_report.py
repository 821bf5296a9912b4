"""``--format json``: the results contract of docs/formats.md (one object, or a list for many)."""
from __future__ import annotations

import json
from typing import TextIO

from grader.messages import Language
from grader.results import SubmissionResult


def write(results: list[SubmissionResult], out: TextIO, language: Language, single: bool,
          options: dict | None = None) -> None:
    data = results[0].to_dict() if single else [r.to_dict() for r in results]
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")

"""One reporter per output format. Each takes results and a text stream; none does grading."""
from __future__ import annotations

from typing import Callable, TextIO

from grader.messages import Language
from grader.results import SubmissionResult
from grader.reporters import json_report, text

Reporter = Callable[[list[SubmissionResult], TextIO, Language, bool], None]

REPORTERS: dict[str, Reporter] = {
    "text": text.write,
    "json": json_report.write,
}

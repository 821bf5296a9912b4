"""One reporter per output format. Each takes results and a text stream; none does grading."""
from __future__ import annotations

from typing import Callable, TextIO

from grader.messages import Language
from grader.results import SubmissionResult
from grader.reporters import csv_report, json_report, junit, markdown, text

Reporter = Callable[[list[SubmissionResult], TextIO, Language, bool], None]

REPORTERS: dict[str, Reporter] = {
    "text": text.write,
    "json": json_report.write,
    "csv": csv_report.write,
    "markdown": markdown.write,
    "junit": junit.write,
}

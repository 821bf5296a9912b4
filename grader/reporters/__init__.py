"""One reporter per output format. Each takes results and a text stream; none does grading."""
from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from grader.messages import Language
from grader.reporters import canvas, classroom, csv_report, gradescope, html, json_report, junit, markdown, moodle, text
from grader.results import SubmissionResult, sanitize

Reporter = Callable[[list[SubmissionResult], TextIO, Language, bool, dict], None]

REPORTERS: dict[str, Reporter] = {
    "text": text.write,
    "canvas": canvas.write,
    "moodle": moodle.write,
    "html": html.write,
    "json": json_report.write,
    "csv": csv_report.write,
    "markdown": markdown.write,
    "junit": junit.write,
    "classroom": classroom.write,
    "gradescope": gradescope.write,
}


def write(fmt: str, results: list[SubmissionResult], out: TextIO, language: Language, single: bool,
          options: dict | None = None) -> None:
    """Write ``results`` in format ``fmt``; ``options`` are format settings from grading.yml. Cleaned
    again here (idempotent): the roster's and lateness's fields are attached after grading, and a
    result read from an older cache was built before the sanitiser."""
    REPORTERS[fmt]([sanitize.submission(r) for r in results], out, language, single, options or {})

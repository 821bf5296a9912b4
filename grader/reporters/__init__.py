"""One reporter per output format. Each takes results and a text stream; none does grading.

A format is a module that satisfies :class:`Reporter` (``write`` and what ``grade`` asks of it:
``NEEDS_ROSTER``, ``LEADERBOARD``, ``SHOWS_SIMILARITY``) and one line in :data:`FORMATS`; the registry is
checked when this package is imported, so a missing or misspelled member stops ``grade`` at start-up
(ARCHITECTURE.md, "Adding an output format").
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import TextIO

from grader.reporters.protocol import BadReporter, Refused, Reporter, ReportOptions, check
from grader.results import SubmissionResult, sanitize

__all__ = ["FORMATS", "REPORTERS", "BadReporter", "Refused", "ReportOptions", "Reporter", "register", "write"]

# --format name -> its module: the registry (one line per format).
FORMATS: dict[str, str] = {
    "text": "grader.reporters.text",
    "canvas": "grader.reporters.canvas",
    "moodle": "grader.reporters.moodle",
    "html": "grader.reporters.html",
    "json": "grader.reporters.json_report",
    "csv": "grader.reporters.csv_report",
    "markdown": "grader.reporters.markdown",
    "junit": "grader.reporters.junit",
    "classroom": "grader.reporters.classroom",
    "gradescope": "grader.reporters.gradescope",
}

REPORTERS: dict[str, Reporter] = {}


def register(fmt: str, module: str | ModuleType) -> Reporter:
    """Make ``module`` (imported by name) ``--format fmt``, once it passes :func:`protocol.check`."""
    reporter = check(fmt, importlib.import_module(module) if isinstance(module, str) else module)
    REPORTERS[fmt] = reporter
    return reporter


for _fmt, _module in FORMATS.items():
    register(_fmt, _module)


def write(fmt: str, results: list[SubmissionResult], out: TextIO, options: ReportOptions | None = None) -> None:
    """Write ``results`` in format ``fmt``. Cleaned again here (idempotent): the roster's and lateness's
    fields are attached after grading, and a result read from an older cache was built before the
    sanitiser. :class:`Refused` (one line) when the report cannot be written."""
    REPORTERS[fmt].write([sanitize.submission(r) for r in results], out, options or ReportOptions())

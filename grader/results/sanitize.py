"""One sanitiser for every string a student can put into a result.

A student controls much more than their code's printed output: exception types and messages, file
and folder names (a zip called ``::notice title=...``), notebook text, commit messages through git's
errors. All of it reaches reports read by machines that act on what they see:

- a terminal (the TA's) runs escape sequences: colours, cursor moves, a rewritten title, a hidden line;
- the GitHub Actions runner turns a line into a *workflow command* when, after leading whitespace,
  it starts with ``::`` (``::notice title=Autograding complete::Points 143/143`` is a fake grade
  for Classroom), and reads the legacy form ``##[command]`` *anywhere* in a line
  (actions/runner, ``ActionCommand.TryParseV2`` and ``TryParse``); it splits lines on ``\\r`` too;
- XML (JUnit) has no way to carry most control characters at all.

:func:`clean` is applied where results are built (:func:`grader.results.scoring.total` and the
similarity report), so every format, the cache and the JSON hold the same safe text; each
reporter still escapes for its own reader (Markdown's HTML, JUnit's XML, the Classroom log's
``stop-commands`` fence). What it does is visible and small: control characters go, ``##[``
becomes ``## [`` and a line starting with ``::`` gets a ``| `` in front, so nothing a student wrote
is hidden from the TA, only defused.
"""
from __future__ import annotations

import re
from typing import Any

from grader.results import SubmissionResult, from_dict

# Terminal escape sequences (CSI, OSC up to its terminator, two-character escapes), then every C0
# control but tab and newline, DEL, C1 controls, the line and paragraph separators (split as lines
# by Python but not by the runner: what is shown must be what is read), bidirectional overrides
# ("Trojan source" text that reads differently than it is), lone surrogates and non-characters
# (not encodable as UTF-8, not allowed in XML).
_CONTROLS = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[@-_]"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_LEGACY_COMMAND = "##["


def clean(text: str) -> str:
    """``text`` with control characters removed and workflow commands defused (idempotent)."""
    if not text:
        return text
    text = _CONTROLS.sub("", text.replace("\r\n", "\n"))
    while _LEGACY_COMMAND in text:
        text = text.replace(_LEGACY_COMMAND, "## [")
    if "::" in text:
        text = "\n".join("| " + line if line.lstrip().startswith("::") else line for line in text.split("\n"))
    return text


def clean_all(value: Any) -> Any:
    """:func:`clean` through a JSON-like value (dicts' keys and values, lists); other types as they are."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean_all(k): clean_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_all(v) for v in value]
    if isinstance(value, tuple):
        return tuple(clean_all(v) for v in value)
    return value


def submission(r: SubmissionResult) -> SubmissionResult:
    """``r`` with every string in it cleaned (a new result; numbers and structure as they were)."""
    return from_dict(clean_all(r.to_dict()))

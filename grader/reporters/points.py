"""How a score is shown to people: two decimals at most, no float noise, no trailing zeros.

One rule for every human-facing format (text, Markdown, the Classroom log), so the points a
student reads in the Actions log, the step summary and the grade Classroom records are the
same figure. The CSV gradebook keeps four decimals (it is summed again by spreadsheets).
"""
from __future__ import annotations


def shown(x: float | None, none: str = "\u2013") -> str:  # an en dash: no score
    """``55.33333`` -> ``"55.33"``, ``143.0`` -> ``"143"``, ``None`` -> ``none`` (a grader problem)."""
    if x is None:
        return none
    text = f"{round(x, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text

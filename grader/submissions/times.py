"""When each submission came in, and who has an extension: the CSV files a TA already has.

* The **times file** (``late_policy.times`` or ``grade --times``): one row per submission with its
  hand-in time, as an LMS records it. Read: GitHub Classroom's grades export
  (``student_repository_name`` or ``github_username``, ``submission_timestamp``), Moodle's grading
  worksheet (``Identifier`` / ``Full name``, ``Last modified (submission)``), or any CSV with
  ``identifier`` and ``submitted_at`` columns. A row may name an assignment (``assignment``
  column) or stand for all of them.
* The **extensions file** (``late_policy.extensions``): ``student`` (a submission identifier or a
  roster student ID), ``assignment`` (an id, or ``*`` for all), and ``days`` (extra days, may be
  fractional) or ``until`` (a new deadline).

Times without an offset are in the course's time zone (``late_policy.timezone``, Asia/Seoul by
default). Errors are one line naming the file, the row and the column.
"""
from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

# Moodle's worksheet writes dates with userdate() in the site's language; the English forms are read.
_FORMATS = ("%A, %d %B %Y, %I:%M %p", "%d %B %Y, %I:%M %p", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M:%S")
_IDENT_COLUMNS = ("identifier", "submission", "student_repository_name", "github_username", "Identifier",
                  "Full name", "student")
_TIME_COLUMNS = ("submitted_at", "submission_timestamp", "Last modified (submission)", "time")


class TimesError(Exception):
    """A times or extensions file cannot be used; ``str()`` is one line naming the file and the place."""


def parse_time(text: str, zone: ZoneInfo) -> datetime:
    """An aware datetime from ISO 8601 (``2026-09-21T23:59:00+09:00``, ``...Z``) or a few LMS forms;
    a time without an offset is in ``zone``. ValueError when it is none of them."""
    text = text.strip()
    if text.endswith(" UTC"):  # "2026-09-22 01:30:00 UTC", as Ruby's Time#to_s writes a UTC time
        text = text[:-4] + "+00:00"
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        for fmt in _FORMATS:
            try:
                when = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        else:
            raise ValueError(f"not a date and time: {text!r} (expected ISO 8601 such as 2026-09-21T23:59:00+09:00)")
    return when if when.tzinfo is not None else when.replace(tzinfo=zone)


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
            return list(reader.fieldnames or []), rows
    except FileNotFoundError:
        raise TimesError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise TimesError(f"{path}: cannot read it as CSV ({exc})") from None


def _column(path: Path, header: list[str], wanted: tuple[str, ...], what: str) -> str:
    for name in wanted:
        if name in header:
            return name
    near = difflib.get_close_matches(wanted[0], header, n=1, cutoff=0.5)
    hint = f"; did you mean '{near[0]}'?" if near else ""
    raise TimesError(f"{path}: no {what} column (expected one of {', '.join(wanted)}; found {', '.join(header)}){hint}")


@dataclass(frozen=True)
class Times:
    path: Path
    by_key: dict[tuple[str, str], datetime]  # (identifier lowercased, assignment id or "*") -> time

    def of(self, identifier: str, assignment: str) -> datetime | None:
        key = identifier.lower()
        return self.by_key.get((key, assignment)) or self.by_key.get((key, "*"))


def load_times(path: Path, zone: ZoneInfo) -> Times:
    header, rows = _rows(path)
    ident = _column(path, header, _IDENT_COLUMNS, "submission identifier")
    when = _column(path, header, _TIME_COLUMNS, "hand-in time")
    out: dict[tuple[str, str], datetime] = {}
    for n, row in enumerate(rows, start=2):
        key, text = (row.get(ident) or "").strip(), (row.get(when) or "").strip()
        if not key or not text or text == "-":  # Moodle writes '-' for no submission
            continue
        try:
            t = parse_time(text, zone)
        except ValueError as exc:
            raise TimesError(f"{path}: row {n}, column {when}: {exc}") from None
        aid = (row.get("assignment") or "*").strip() or "*"
        out[(key.lower(), aid)] = max(t, out.get((key.lower(), aid), t))  # several rows: the latest counts
    return Times(path, out)


@dataclass(frozen=True)
class Extension:
    extra: timedelta | None  # extra time on the deadline, or
    until: datetime | None   # a new deadline
    shown: str               # as the file gave it ("+2 days", "until 2026-09-25T23:59:00+09:00")

    def moved(self, deadline: datetime) -> datetime:
        return self.until if self.until is not None else deadline + (self.extra or timedelta())


@dataclass(frozen=True)
class Extensions:
    path: Path | None
    by_key: dict[tuple[str, str], Extension]

    def of(self, keys: list[str], assignment: str) -> Extension | None:
        """The extension for the first of ``keys`` (identifier, student ID, ...) that has one."""
        for k in keys:
            if not k:
                continue
            found = self.by_key.get((k.lower(), assignment)) or self.by_key.get((k.lower(), "*"))
            if found:
                return found
        return None


NO_EXTENSIONS = Extensions(None, {})


def load_extensions(path: Path, zone: ZoneInfo, assignments: list[str]) -> Extensions:
    header, rows = _rows(path)
    for need in ("student", "assignment"):
        _column(path, header, (need,), need)
    if "days" not in header and "until" not in header:
        raise TimesError(f"{path}: no days or until column (found {', '.join(header)})")
    out: dict[tuple[str, str], Extension] = {}
    for n, row in enumerate(rows, start=2):
        who, aid = (row.get("student") or "").strip(), (row.get("assignment") or "").strip() or "*"
        if not who:
            continue
        if aid != "*" and aid not in assignments:
            near = difflib.get_close_matches(aid, assignments, n=1, cutoff=0.4)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            raise TimesError(f"{path}: row {n}, column assignment: no assignment {aid!r} (or * for all){hint}")
        days, until = (row.get("days") or "").strip(), (row.get("until") or "").strip()
        try:
            if until:
                ext = Extension(None, parse_time(until, zone), f"until {parse_time(until, zone).isoformat()}")
            elif days:
                ext = Extension(timedelta(days=float(days)), None, f"+{float(days):g} days")
            else:
                raise ValueError("neither days nor until is given")
        except ValueError as exc:
            raise TimesError(f"{path}: row {n}: {exc}") from None
        out[(who.lower(), aid)] = ext
    return Extensions(path, out)

"""A class roster: whose each submission is.

A TA already has a roster as a CSV file: GitHub Classroom's roster export (columns
``identifier``, ``github_username``, ``github_id``, ``name``) or an LMS's gradebook export
(Canvas: ``Student``, ``ID``, ``SIS User ID``, ``SIS Login ID``, ``Section``). Three columns
matter: ``match``, the one a submission's identifier (its folder or zip name) is matched on;
``student_id``, the ID every report and LMS export carries; ``name``. For the two known
exports they are found by the header (with the login, section and LMS user ID an LMS import
wants back); any other CSV names them.

Matching is exact, or by suffix after a ``-``: GitHub Classroom's clones are folders named
``<assignment>-<github_username>``. GitHub user names are case-insensitive, so matching is too.
The longest matching key wins (``lab-jo-kim`` is ``jo-kim``'s, not ``kim``'s).

Nothing here grades: :func:`reconcile` only says who matched, which submissions have no roster
entry and which roster entries have no submission, so that a TA sees both lists.
"""
from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

# The known exports: the header columns that identify each, its (match, student_id, name) columns,
# and the columns an LMS import wants back (login, section, the LMS's own user ID).
KNOWN = {
    "GitHub Classroom": ({"identifier", "github_username"}, ("github_username", "identifier", "name"),
                         {"github": "github_username"}),
    "Canvas": ({"Student", "SIS User ID", "SIS Login ID"}, ("SIS Login ID", "SIS User ID", "Student"),
               {"login": "SIS Login ID", "section": "Section", "lms_id": "ID"}),
}


# A Canvas export's row of posting policies ("Manual Posting" under some assignments) is not a student.
_CANVAS_POSTING = re.compile(r"^\s*(Muted|Manual Posting.*)?\s*$", re.IGNORECASE)


class RosterError(Exception):
    """The roster cannot be used; ``str()`` names the file, the row or column, and what was expected."""


@dataclass(frozen=True)
class Student:
    key: str          # the value submissions are matched on
    student_id: str
    name: str
    login: str = ""   # the LMS login (Canvas's "SIS Login ID"), where the export has one
    section: str = ""
    lms_id: str = ""  # the LMS's own user ID (Canvas's "ID")
    github: str = ""  # the GitHub user name (GitHub Classroom's export): never an LMS login

    def as_dict(self) -> dict[str, str]:
        """What a result carries (``SubmissionResult.student``): the ID and name, and the rest where known."""
        out = {"id": self.student_id, "name": self.name}
        out.update({k: v for k, v in (("login", self.login), ("section", self.section), ("lms_id", self.lms_id),
                                      ("github", self.github)) if v})
        return out


@dataclass(frozen=True)
class Reconciliation:
    matched: dict[str, Student]                          # submission identifier -> its student
    unknown: list[str] = field(default_factory=list)     # submissions without a roster entry
    absent: list[Student] = field(default_factory=list)  # roster entries without a submission
    shared: dict[str, list[str]] = field(default_factory=dict)  # student ID -> 2+ submissions that are theirs


@dataclass(frozen=True)
class Roster:
    path: Path
    kind: str         # "GitHub Classroom", "Canvas" or "CSV"
    match: str
    student_id: str
    name: str
    students: tuple[Student, ...]

    def find(self, identifier: str) -> Student | None:
        """The student a submission identifier belongs to: an exact key, else the longest key
        the identifier ends with after a ``-``; case-insensitive."""
        ident = identifier.casefold()
        best: Student | None = None
        for s in self.students:
            key = s.key.casefold()
            if not key:
                continue  # e.g. a GitHub Classroom entry no student has linked: listed as absent, never matched
            if ident == key:
                return s
            if ident.endswith("-" + key) and (best is None or len(key) > len(best.key)):
                best = s
        return best

    def reconcile(self, identifiers: Iterable[str]) -> Reconciliation:
        matched: dict[str, Student] = {}
        unknown: list[str] = []
        for ident in identifiers:
            s = self.find(ident)
            if s is None:
                unknown.append(ident)
            else:
                matched[ident] = s
        taken = {id(s) for s in matched.values()}
        by_student: dict[int, list[str]] = {}
        for ident, s in matched.items():
            by_student.setdefault(id(s), []).append(ident)
        shared = {matched[idents[0]].student_id: idents for idents in by_student.values() if len(idents) > 1}
        return Reconciliation(matched, unknown, [s for s in self.students if id(s) not in taken], shared)


def _column(path: Path, header: list[str], wanted: str, role: str) -> str:
    if wanted in header:
        return wanted
    near = difflib.get_close_matches(wanted, header, n=1)
    hint = f"; did you mean {near[0]!r}?" if near else f"; its columns are {', '.join(header)}"
    raise RosterError(f"{path}: no column {wanted!r} (the {role} column){hint}")


def load(path: Path, match: str | None = None, student_id: str | None = None, name: str | None = None) -> Roster:
    """Read a roster CSV (UTF-8, with or without a byte-order mark, as spreadsheets save it).

    Columns not given are taken from a known export's header; a CSV of another kind must name
    at least ``match``. Canvas's "Points Possible" row is not a student. Two rows with the same
    key are refused: a submission would belong to both."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RosterError(f"{path}: no such roster file") from None
    except UnicodeDecodeError as exc:
        raise RosterError(f"{path}: not UTF-8 text (byte {exc.start}); save the roster as CSV UTF-8") from None
    except OSError as exc:
        raise RosterError(f"{path}: cannot be read ({exc.strerror})") from None
    rows = list(csv.reader(text.splitlines()))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise RosterError(f"{path}: empty; expected a header row and one row per student")
    header = [h.strip() for h in rows[0]]
    kind = "CSV"
    defaults: tuple[str, str, str] | None = None
    extra: dict[str, str] = {}
    for known, (needs, cols, more) in KNOWN.items():
        if needs <= set(header):
            kind, defaults, extra = known, cols, {k: c for k, c in more.items() if c in header}
            break
    if match is None and defaults is None:
        raise RosterError(f"{path}: not a GitHub Classroom or Canvas export; name the column submissions "
                          f"match on (roster.match), one of: {', '.join(header)}")
    d = defaults or (match or "", match or "", match or "")
    match_col = _column(path, header, match or d[0], "match")
    id_col = _column(path, header, student_id or d[1], "student_id")
    name_col = _column(path, header, name or d[2], "name") if (name or defaults) else id_col
    students: list[Student] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue
        row = {h: (raw[i].strip() if i < len(raw) else "") for i, h in enumerate(header)}
        if kind == "Canvas" and ("Points Possible" in row.get("Student", "")
                                 or all(_CANVAS_POSTING.match(c) for c in raw if c.strip())):
            continue  # the rows Canvas's own importer skips too: points possible, posting policies
        key = row[match_col]
        folded = key.casefold()
        if key and folded in seen:
            raise RosterError(f"{path}: row {number}: {match_col} {key!r} is also on row {seen[folded]}; "
                              "a submission would belong to both")
        seen[folded] = number
        students.append(Student(key, row[id_col], row[name_col], **{k: row[c] for k, c in extra.items()}))
    return Roster(path, kind, match_col, id_col, name_col, tuple(students))

"""A class roster: whose each submission is.

A TA already has a roster as a CSV file: GitHub Classroom's roster export (columns
``identifier``, ``github_username``, ``github_id``, ``name``) or an LMS's gradebook export
(Canvas: ``Student``, ``ID``, ``SIS User ID``, ``SIS Login ID``, ``Section``). Three columns
matter: ``match``, the one a submission's identifier (its folder or zip name) is matched on;
``student_id``, the ID every report and LMS export carries; ``name``. For the two known
exports they are found by the header (with the login, section and LMS user ID an LMS import
wants back); any other CSV names them.

Matching never guesses across accounts. A submission's identifier (its folder or zip name) is a
student's when it equals their key, or equals ``<prefix>-<key>`` where ``prefix`` is the GitHub
Classroom assignment's prefix (``roster.prefix`` in grading.yml, ``--roster-prefix``): Classroom
names each clone ``<prefix>-<github_username>``. Without a prefix only exact names match. GitHub
user names are case-insensitive, so matching is too. There is no "ends with" rule: a stranger who
signs up as ``x-kimdev`` gets a clone ``hw1-x-kimdev``, which an ends-with rule gave to ``kimdev``.

A name that two entries could claim (``hw1-kim`` with prefix ``hw1``, when ``hw1-kim`` and ``kim``
are both on the roster) is ambiguous: it is nobody's until the TA renames it, and is listed.

Nothing here grades: :func:`reconcile` only says who matched, which submissions have no roster
entry or more than one, and which roster entries have no submission, so that a TA sees every list.
"""
from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

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
    ambiguous: dict[str, list[Student]] = field(default_factory=dict)  # submission -> 2+ entries it could be


# A GitHub Classroom assignment prefix, as GitHub allows it in a repository name, without the final "-".
PREFIX = re.compile(r"[A-Za-z0-9._-]*[A-Za-z0-9._]")
PREFIX_FORM = "a GitHub Classroom assignment prefix without the final '-', e.g. hw1 (its clones are named hw1-<login>)"


def check_prefix(prefix: str) -> str:
    """``prefix`` when it has :data:`PREFIX`'s form; a :class:`RosterError` saying the form otherwise."""
    if not PREFIX.fullmatch(prefix):
        raise RosterError(f"prefix {prefix!r}: expected {PREFIX_FORM}")
    return prefix


@dataclass(frozen=True)
class Roster:
    path: Path
    kind: str         # "GitHub Classroom", "Canvas" or "CSV"
    match: str
    student_id: str
    name: str
    students: tuple[Student, ...]
    prefix: str = ""  # the GitHub Classroom assignment prefix: "<prefix>-<key>" is the key's too

    def candidates(self, identifier: str) -> list[Student]:
        """Every entry whose key ``identifier`` names exactly: the key itself, or ``<prefix>-<key>``;
        case-insensitive. At most two (keys are unique): the exact one and the prefixed one."""
        ident = identifier.casefold()
        head = self.prefix.casefold() + "-"
        named = {ident}
        if self.prefix and ident.startswith(head):
            named.add(ident[len(head):])
        # an entry without a key (a GitHub Classroom student who never linked an account) matches nothing
        return [s for s in self.students if s.key and s.key.casefold() in named]

    def find(self, identifier: str) -> Student | None:
        """The student a submission identifier belongs to; None when no entry or more than one could claim it."""
        found = self.candidates(identifier)
        return found[0] if len(found) == 1 else None

    def reconcile(self, identifiers: Iterable[str]) -> Reconciliation:
        matched: dict[str, Student] = {}
        unknown: list[str] = []
        ambiguous: dict[str, list[Student]] = {}
        for ident in identifiers:
            found = self.candidates(ident)
            if len(found) == 1:
                matched[ident] = found[0]
            elif found:
                ambiguous[ident] = found
            else:
                unknown.append(ident)
        by_student: dict[int, list[str]] = {}
        for ident, s in matched.items():
            by_student.setdefault(id(s), []).append(ident)
        shared = {matched[idents[0]].student_id: idents for idents in by_student.values() if len(idents) > 1}
        return Reconciliation(matched, unknown, [s for s in self.students if id(s) not in by_student], shared,
                              ambiguous)

    def prefixes_seen(self, identifiers: Iterable[str]) -> list[str]:
        """For a roster without a prefix: the ``<prefix>`` parts of identifiers shaped ``<prefix>-<key>``,
        most frequent first. Only a hint for the TA (which prefix to pass); nothing is matched by it."""
        keys = {s.key.casefold() for s in self.students if s.key}
        counts: dict[str, int] = {}
        for ident in identifiers:
            folded = ident.casefold()
            for key in keys:
                if folded.endswith("-" + key) and len(folded) > len(key) + 1:
                    head = ident[:len(ident) - len(key) - 1]
                    counts[head] = counts.get(head, 0) + 1
        return sorted(counts, key=lambda h: (-counts[h], h))


def _column(path: Path, header: list[str], wanted: str, role: str) -> str:
    if wanted in header:
        return wanted
    near = difflib.get_close_matches(wanted, header, n=1)
    hint = f"; did you mean {near[0]!r}?" if near else f"; its columns are {', '.join(header)}"
    raise RosterError(f"{path}: no column {wanted!r} (the {role} column){hint}")


def load(path: Path, match: str | None = None, student_id: str | None = None, name: str | None = None,
         prefix: str = "") -> Roster:
    """Read a roster CSV (UTF-8, with or without a byte-order mark, as spreadsheets save it).

    Columns not given are taken from a known export's header; a CSV of another kind must name
    at least ``match``. Canvas's "Points Possible" row is not a student. Two rows with the same
    key are refused: a submission would belong to both. ``prefix``: the GitHub Classroom
    assignment prefix (:meth:`Roster.candidates`)."""
    if prefix:
        check_prefix(prefix)
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
    return Roster(path, kind, match_col, id_col, name_col, tuple(students), prefix)

"""Typed results of ``grade similarity`` and their versioned JSON form.

The JSON is what ``grade similarity --format json`` writes and what ``grade CLASS --format html
--similarity FILE`` reads back, so the class report can show the pairs without comparing again.
Line numbers are 1-based and inclusive, as an editor shows them.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from grader import __version__

FORMAT_VERSION = 1


class SimilarityFileError(Exception):
    """A similarity JSON that cannot be read back; ``str()`` is one line naming the file."""


@dataclass
class Fragment:
    """One stretch of a student's file that matches code of the other student."""

    start_line: int
    end_line: int
    text: str


@dataclass
class FileMatch:
    """The matching fragments of one file both students handed in, each side in file order (copied
    code may have been reordered, so the n-th fragment of one side need not be the other's n-th)."""

    file: str
    fragments_a: list[Fragment] = field(default_factory=list)
    fragments_b: list[Fragment] = field(default_factory=list)
    file_b: str = ""   # b's file, where it is another (a helper module copied under a new name)

    @property
    def shown(self) -> str:
        return f"{self.file} ~ {self.file_b}" if self.file_b and self.file_b != self.file else self.file


@dataclass
class Pair:
    """Two students whose code for one assignment is alike. ``similarity_a`` is the share of a's
    own tokens (the base removed) found in b's code, ``similarity_b`` the other way round: copying
    plus additions shows as one high and one lower figure."""

    assignment: str
    a: str
    b: str
    similarity_a: float
    similarity_b: float
    tokens: int  # matching tokens, counted in a's code
    files: list[FileMatch] = field(default_factory=list)

    @property
    def similarity(self) -> float:
        return max(self.similarity_a, self.similarity_b)


@dataclass
class Skipped:
    """A submission (or one of its assignments) that could not be compared, and why."""

    submission: str
    reason: str
    assignment: str | None = None
    kind: Literal["missing", "unreadable"] = "unreadable"  # missing: not handed in (common, counted only)


@dataclass
class SimilarityReport:
    threshold: float
    min_tokens: int
    tool: str  # "copydetect <version>"
    noise_threshold: int  # copydetect's k: the shortest match, in filtered characters
    base: list[str]  # the folders of code everyone may use, as grading.yml names them
    submissions: list[str]
    compared: dict[str, int]  # assignment id -> submissions that had its files
    pairs: list[Pair] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    grader_version: str = __version__
    format_version: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n"


def from_dict(data: dict[str, Any]) -> SimilarityReport:
    pairs = [Pair(**{**p, "files": [FileMatch(f["file"], [Fragment(**x) for x in f["fragments_a"]],
                                              [Fragment(**x) for x in f["fragments_b"]], f.get("file_b", ""))
                                    for f in p["files"]]})
             for p in data["pairs"]]
    skipped = [Skipped(**s) for s in data["skipped"]]
    return SimilarityReport(**{**data, "pairs": pairs, "skipped": skipped})


def load(path: Path) -> SimilarityReport:
    """Read a report back; any problem is one line naming the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SimilarityFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SimilarityFileError(f"{path}: not a readable JSON file ({exc})") from None
    if not isinstance(data, dict) or data.get("format_version") != FORMAT_VERSION:
        found = data.get("format_version") if isinstance(data, dict) else None
        raise SimilarityFileError(f"{path}: not a grade similarity report of format version {FORMAT_VERSION} "
                                  f"(found {found!r}); write it with grade similarity --format json")
    try:
        return from_dict(data)
    except (KeyError, TypeError) as exc:
        raise SimilarityFileError(f"{path}: malformed grade similarity report ({exc})") from None

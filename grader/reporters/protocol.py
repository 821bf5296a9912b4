"""What an output format is (:class:`Reporter`), what it is given (:class:`ReportOptions`), how it
refuses (:class:`Refused`), and the check a format module passes when it is registered.

A format is a module of ``grader.reporters`` named in the registry (``reporters.FORMATS``). The module
itself is the reporter (a module can satisfy a :class:`typing.Protocol`): it defines ``write`` and
declares, as module constants, what ``grade`` asks a format before and around grading, so the
command line never names a format. Every member is required: a misspelled one is a missing one,
and :func:`check` says so when the registry is built (at import), naming the nearest spelling.
"""
from __future__ import annotations

import difflib
import inspect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, ClassVar, Literal, Protocol, TextIO, cast, get_args

from grader.config import GradescopeSettings
from grader.messages import Language

if TYPE_CHECKING:
    from grader.results import SubmissionResult
    from grader.results.similarity import SimilarityReport

# What of the Keras labs' pseudonymous leaderboard a format shows, which decides whether ``grade``
# reads the TA's secret or makes it (reporters.leaderboard.salt_for):
#   "none"         nothing (no secret is read);
#   "pseudonym"    a student's own pseudonym, once the secret exists (a student's job never makes one);
#   "board"        the boards (the secret is made on first use);
#   "class board"  the boards for a class, a single submission's own pseudonym otherwise.
Leaderboard = Literal["none", "pseudonym", "board", "class board"]


@dataclass(frozen=True)
class ReportOptions:
    """Everything a format may use besides the results; each format reads what it needs."""

    language: Language = "en"
    single: bool = False  # one submission (a report of its own), not a class
    gradescope: GradescopeSettings = field(default_factory=GradescopeSettings)  # grading.yml's: visibilities
    absent: Sequence[Mapping[str, str]] = ()  # roster entries without a submission (a class; csv, html)
    leaderboard_salt: str | None = None  # the pseudonyms' secret (reporters.leaderboard), where shown
    similarity: SimilarityReport | None = None  # grade similarity's report (--similarity FILE; html)


class Reporter(Protocol):
    """An output format: a module of ``grader.reporters`` with these members, all required."""

    NEEDS_ROSTER: bool  # an LMS import: grade refuses to start without a roster (a row is matched by its ID)
    LEADERBOARD: Leaderboard  # what of the leaderboard it shows (see Leaderboard)
    SHOWS_SIMILARITY: bool  # it shows grade similarity's pairs (--similarity FILE)

    def write(self, results: list[SubmissionResult], out: TextIO, options: ReportOptions) -> None:
        """Write the report of ``results`` (already sanitised) to ``out``; raise a :class:`Refused`
        rather than write a file that would mislead."""


class Refused(Exception):
    """The report cannot be written; ``str()`` is the one-line reason and what to do. ``grade`` writes
    nothing and exits with status 2 (the grader cannot run as asked), unless :attr:`withheld`."""

    # True when not writing is the report's answer: the grade is not final, and the format's documented
    # way to record no grade is no file (Gradescope). grade then exits with status 3 and says why on
    # stdout too (the autograder's log), as for any grade that is not final.
    withheld: ClassVar[bool] = False


class BadReporter(TypeError):
    """A registered format module does not satisfy :class:`Reporter` (raised at import)."""


MEMBERS: dict[str, str] = {"write": "a function write(results, out, options)",
                           "NEEDS_ROSTER": "True or False", "SHOWS_SIMILARITY": "True or False",
                           "LEADERBOARD": " or ".join(repr(v) for v in get_args(Leaderboard))}


def _problem(name: str, value: object) -> str | None:
    """Why ``value`` cannot be the member ``name``; None when it can."""
    if name == "write":
        if not callable(value):
            return "is not a function"
        try:
            inspect.signature(value).bind(None, None, None)
        except (TypeError, ValueError):
            return "does not take (results, out, options)"
        return None
    if name == "LEADERBOARD":
        return None if value in get_args(Leaderboard) else f"is {value!r}"
    return None if isinstance(value, bool) else f"is {value!r}"


def _near(name: str, among: list[str]) -> str | None:
    """The name of ``among`` that ``name`` looks like a misspelling of (case aside), if any."""
    by_upper = {n.upper(): n for n in among}
    near = difflib.get_close_matches(name.upper(), list(by_upper), 1, 0.75)
    return by_upper[near[0]] if near else None


def check(fmt: str, module: ModuleType) -> Reporter:
    """``module`` as the reporter of ``--format fmt``; :class:`BadReporter` when a member is missing or
    wrong, or when a setting of the module looks like a misspelled member (``NEED_ROSTER = True``,
    ``needs_roster = True``): what the registry would otherwise ignore."""
    problems = []
    names = [n for n, v in vars(module).items() if not n.startswith("_") and not isinstance(v, ModuleType)]
    others = [n for n in names if n not in MEMBERS]
    for name, wanted in MEMBERS.items():
        if name not in names:
            spelt = _near(name, others)
            problems.append(f"no {name} ({wanted})" + (f"; did you mean {name}, not {spelt}?" if spelt else ""))
            continue
        why = _problem(name, getattr(module, name))
        if why:
            problems.append(f"{name} {why} (wanted {wanted})")
    for n in others:  # a setting (True, False, a name) that looks like a member beside it: ignored, so refused
        member = _near(n, [m for m in MEMBERS if m in names and m != "write"])
        if member and isinstance(getattr(module, n), (bool, str)):
            problems.append(f"{n} is not a member (did you mean {member}?)")
    if problems:
        raise BadReporter(f"--format {fmt}: {module.__name__} is not a reporter (grader.reporters.Reporter): "
                          + "; ".join(problems))
    return cast(Reporter, module)  # checked member by member just above

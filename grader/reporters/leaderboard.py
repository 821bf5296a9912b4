"""The Keras labs' leaderboard: who reached which test accuracy, under a pseudonym.

Ranked by the accuracy the grader's own trusted training reached (never a figure the student's
code printed), one board per lab, best first; equal accuracies share a rank. Unscored
submissions (a grader problem) and models that never trained are left out.

A pseudonym is ``adjective-animal-NN`` from an HMAC of the submission's identifier with the TA's
secret (``grader.config.leaderboard_secret``: an environment variable or a file outside the course,
never anything derived from course files, which students receive). So the board can be shown to the
class: a student finds their own pseudonym in their own feedback (the text report says it), and
cannot compute anyone else's from a GitHub username.
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from grader.reporters.protocol import Refused, Reporter
from grader.results import AssignmentResult, SubmissionResult

_ADJECTIVES = ("amber", "brave", "calm", "clever", "cosmic", "eager", "gentle", "golden", "happy", "jolly",
               "kind", "lively", "lucky", "mellow", "nimble", "proud", "quick", "quiet", "rapid", "shiny",
               "silver", "sunny", "swift", "tidy", "vivid", "witty", "zesty", "bold", "bright", "fuzzy", "noble",
               "plucky")
_ANIMALS = ("otter", "panda", "tiger", "koala", "falcon", "heron", "lynx", "magpie", "marten", "narwhal",
            "orca", "owl", "puffin", "quokka", "raven", "seal", "sparrow", "squirrel", "stork", "swan",
            "turtle", "walrus", "wolf", "yak", "zebra", "badger", "beaver", "crane", "dolphin", "gecko",
            "ibis", "lemur")


def pseudonym(identifier: str, salt: str) -> str:
    """A stable, unguessable name for ``identifier`` (1 in 102,400 per collision; ties get the
    identifier's own order, see :func:`boards`)."""
    digest = hmac.new(salt.encode("utf-8"), identifier.encode("utf-8"), hashlib.sha256).digest()
    return f"{_ADJECTIVES[digest[0] % len(_ADJECTIVES)]}-{_ANIMALS[digest[1] % len(_ANIMALS)]}-{digest[2] % 100:02d}"


def accuracy(a: AssignmentResult) -> float | None:
    """The test accuracy the grader's training recorded for ``a``; None without a score or a model."""
    if a.score is None:
        return None
    return next((float(t.data["test_accuracy"]) for t in a.tests
                 if isinstance(t.data.get("test_accuracy"), (int, float))), None)


@dataclass(frozen=True)
class Entry:
    rank: int
    name: str        # the pseudonym
    accuracy: float
    student: int     # index into the results (for the instructor's own view; never shown on the board)


def of(r: SubmissionResult, salt: str) -> str:
    """The submission's pseudonym: from its identifier (the folder or zip name), so it is the same
    whether the student is graded alone or with the class."""
    from grader.submissions.identity import identifier

    return pseudonym(identifier(r.submission), salt)


def own(r: SubmissionResult, salt: str | None) -> str | None:
    """The pseudonym a student is told in their own feedback: only when they are on a board."""
    if not salt or not on_board([r]):
        return None
    return of(r, salt)


def on_board(results: list[SubmissionResult]) -> bool:
    """Whether any of ``results`` has an accuracy to rank (so a pseudonym means something)."""
    return any(accuracy(a) is not None for r in results for a in r.assignments)


def boards(results: list[SubmissionResult], salt: str | None) -> dict[str, list[Entry]]:
    """Per assignment with accuracies, its entries best first (competition ranking: 1, 2, 2, 4). None
    without the staff secret: a pseudonym anyone can compute from a username hides nobody."""
    if not salt:
        return {}
    found: dict[str, list[tuple[float, str, int]]] = {}
    for i, r in enumerate(results):
        name = of(r, salt)
        for a in r.assignments:
            acc = accuracy(a)
            if acc is not None:
                found.setdefault(a.id, []).append((round(acc, 4), name, i))
    out: dict[str, list[Entry]] = {}
    for aid, rows in found.items():
        rows.sort(key=lambda x: (-x[0], x[1]))
        entries: list[Entry] = []
        for n, (acc, name, i) in enumerate(rows):
            rank = entries[-1].rank if entries and entries[-1].accuracy == acc else n + 1
            entries.append(Entry(rank, name, acc, i))
        out[aid] = entries
    return out


class SecretRefused(Refused):
    """The TA's secret is set but cannot be used (:class:`grader.config.leaderboard_secret.SecretError`:
    ``str()`` names where it is and the fix)."""


def salt_for(reporter: Reporter, single: bool, results: list[SubmissionResult]) -> str | None:
    """The pseudonyms' secret, where the report can show one (docs/term.md, "The class report"):
    drawing a board (the class report, a class's Markdown) makes it on first use; a student's own
    feedback shows a pseudonym only once it exists. None where nothing is ranked."""
    from grader.config import leaderboard_secret

    shows = reporter.LEADERBOARD
    if shows == "none" or not on_board(results):
        return None
    try:
        return leaderboard_secret.load(create=shows == "board" or (shows == "class board" and not single))
    except leaderboard_secret.SecretError as exc:
        raise SecretRefused(str(exc)) from None


def gradescope_field(r: SubmissionResult) -> list[dict[str, Any]]:
    """Gradescope's ``leaderboard`` (its "Leaderboards" page: a top-level array of ``{"name", "value"}``,
    higher first unless ``"order": "asc"``; there students appear under pseudonyms they choose)."""
    board = []
    for a in r.assignments:
        acc = accuracy(a)
        if acc is not None:
            board.append({"name": f"{a.id} accuracy", "value": round(acc, 4)})
    return board

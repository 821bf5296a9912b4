"""``--format html``: one self-contained class report for the instructor.

It opens offline: no CDN, no file beside it. The page comes from a Jinja2 template (with
autoescaping, because student output is in it) and the charts are inline SVG drawn by
matplotlib. Per assignment it shows:

* the score histogram and how many submissions were not scored (grader problems, never
  counted as scores);
* each test's pass rate, and its most frequent failure messages grouped by template (the
  same mistake made with other values groups together), with how many students and which;
* where tests recorded a trained model's accuracy (the Keras labs): the accuracy distribution
  and the class's mean accuracy per label.

Each student's row links to their full feedback further down the page. What the page shows is
computed by :func:`summarise` (pure) so that it can be tested without a browser.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field, replace
from typing import Any, TextIO

from grader.reporters import lateness, leaderboard
from grader.reporters.csv_report import status
from grader.reporters.points import shown
from grader.reporters.protocol import Leaderboard, Refused, ReportOptions
from grader.results import SubmissionResult
from grader.submissions.identity import identifiers

TOP_MESSAGES = 3  # failure templates shown per test


class MissingLibrary(Refused):
    """Jinja2 or matplotlib is not installed (the ``[report]`` extra)."""


def template_of(output: str) -> str:
    """A failure message's template: its first line, with quoted text, numbers and arrays as
    placeholders, so ``expected 0.5, got 0.25`` and ``expected 1.0, got 3`` group together."""
    line = next((ln.strip() for ln in output.splitlines() if ln.strip()), "")
    line = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", line)
    line = re.sub(r"\[[^\[\]]*\]", "[…]", line)
    # ASCII word characters only around a number: Korean particles follow numbers ("1을", "0.985이(가)").
    line = re.sub(r"(?<![A-Za-z0-9_.])-?\d+(?:\.\d+)?(?:e[-+]?\d+)?(?![A-Za-z0-9_])", "#", line)
    return line[:200]


@dataclass
class TestSummary:
    name: str
    function: str
    passed: int
    total: int
    groups: list[tuple[str, list[int]]] = field(default_factory=list)  # template, student indexes

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0


@dataclass
class AssignmentSummary:
    id: str
    title: str
    max_score: float
    scores: list[float]              # scored submissions only
    not_scored: list[int]            # student indexes with a grader problem
    missing: int                     # submissions without the assignment's files
    tests: list[TestSummary]
    accuracies: list[float]          # a trained model's test accuracy, where tests recorded one
    per_class: list[tuple[str, float]]  # label, the class's mean accuracy on it


def summarise(results: list[SubmissionResult]) -> list[AssignmentSummary]:
    """Pure: results in, what the page shows per assignment out."""
    ids = list(dict.fromkeys(a.id for r in results for a in r.assignments))
    out = []
    for aid in ids:
        mine = [(i, a) for i, r in enumerate(results) for a in r.assignments if a.id == aid]
        tests: dict[str, TestSummary] = {}
        by_template: dict[str, dict[str, list[int]]] = {}
        accuracies: list[float] = []
        per_class: dict[str, list[float]] = {}
        for i, a in mine:
            if a.status == "grader_error":
                continue
            for t in a.tests:
                function = t.nodeid.split("::")[-1]
                s = tests.setdefault(t.nodeid, TestSummary(t.name, function, 0, 0))
                s.total += 1
                if t.status == "passed":
                    s.passed += 1
                else:
                    by_template.setdefault(t.nodeid, {}).setdefault(template_of(t.output), []).append(i)
                acc = t.data.get("test_accuracy")
                if isinstance(acc, (int, float)):
                    accuracies.append(float(acc))
                classes = t.data.get("per_class_accuracy")
                if isinstance(classes, list):  # what the Keras trainer records: one figure per label, in order
                    classes = dict(enumerate(classes))
                if isinstance(classes, dict):
                    for label, value in classes.items():
                        if isinstance(value, (int, float)):
                            per_class.setdefault(str(label), []).append(float(value))
        for nodeid, s in tests.items():
            groups = sorted(by_template.get(nodeid, {}).items(), key=lambda kv: (-len(kv[1]), kv[0]))
            s.groups = groups[:TOP_MESSAGES]
        first = mine[0][1] if mine else None
        out.append(AssignmentSummary(
            id=aid, title=first.title if first else "", max_score=first.max_score if first else 0.0,
            scores=[a.score for _, a in mine if a.score is not None and a.status != "missing"],
            not_scored=[i for i, a in mine if a.status == "grader_error"],
            missing=sum(a.status == "missing" for _, a in mine),
            tests=list(tests.values()), accuracies=accuracies,
            per_class=[(label, sum(v) / len(v)) for label, v in per_class.items()]))
    return out


def _svg(draw: Any) -> str:
    """One matplotlib figure as inline SVG (text kept as text: the browser's fonts show Korean)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "dlgrader", "font.size": 9}):
        fig, ax = plt.subplots(figsize=(4.2, 2.2))
        draw(ax)
        fig.tight_layout()
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
        plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]


def _histogram(values: list[float], top: float, label: str) -> str:
    def draw(ax: Any) -> None:
        from matplotlib.ticker import MaxNLocator

        ax.hist(values, bins=10, range=(0, top or 1), color="#4472c4", edgecolor="white")
        ax.set_xlabel(label)
        ax.set_ylabel("students")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # a count of students has no halves
    return _svg(draw)


def _bars(pairs: list[tuple[str, float]]) -> str:
    def draw(ax: Any) -> None:
        ax.bar([p[0] for p in pairs], [p[1] for p in pairs], color="#70ad47")
        ax.set_ylim(0, 1)
        ax.set_ylabel("mean accuracy")
        ax.tick_params(axis="x", labelrotation=45)
    return _svg(draw)


# What grade asks this format (reporters.Reporter).
NEEDS_ROSTER = False
LEADERBOARD: Leaderboard = "board"
SHOWS_SIMILARITY = True


def write(results: list[SubmissionResult], out: TextIO, options: ReportOptions) -> None:
    try:
        import jinja2
        import matplotlib  # noqa: F401
    except ImportError:
        raise MissingLibrary("--format html needs Jinja2 and matplotlib: pip install -e '.[report]'") from None
    from grader.reporters import text

    summaries = summarise(results)
    charts = {}
    for s in summaries:
        charts[s.id] = {"scores": _histogram(s.scores, s.max_score, "score") if s.scores else "",
                        "accuracy": _histogram(s.accuracies, 1.0, "test accuracy") if s.accuracies else "",
                        "per_class": _bars(s.per_class) if s.per_class else ""}
    feedback = []
    for r in results:
        buf = io.StringIO()
        text.write([r], buf, replace(options, single=True))
        feedback.append(buf.getvalue())
    env = jinja2.Environment(loader=jinja2.PackageLoader("grader", "reporters"),  # partials: similarity.html.j2
                             autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    page = env.get_template("class_report.html.j2")
    names = identifiers(results)
    out.write(page.render(
        results=results, names=names, statuses=[status(r) for r in results], summaries=summaries, charts=charts,
        boards=leaderboard.boards(results, options.leaderboard_salt),
        feedback=feedback, shown=shown, lateness=lambda a: lateness.line(a, "en"),
        absent=options.absent,
        assignment_ids=[s.id for s in summaries], ko=options.language == "ko",
        similarity=options.similarity))  # grade similarity's report (--similarity FILE), or None

"""Deadlines in the pipeline: what to grade of each submission, and what its lateness costs.

Before grading, :func:`plan` turns each submission into pieces: a folder or zip is one piece; a git
repository (with deadlines, or ``--at``) is one piece per hand-in commit, each with the assignments
graded at that commit. For each assignment a commit is picked (``late: accept``: the newest;
``late: reject``: the newest at or before the assignment's deadline; ``--at T``: the newest at or
before T), and the assignment is graded and dated at the last commit up to it that changed its
work (:func:`pathspecs`): the commit whose date counts is the commit whose tree is graded. After grading, :func:`merge`
puts each submission's pieces back into one result and :func:`apply` records the lateness of
each assignment with a deadline and takes the penalty off (:mod:`grader.results.late`, pure).
Like the roster, lateness is attached after grading, never cached: a new extension or a
corrected deadline changes the grade without regrading.

Where a hand-in time comes from, most trusted first: the times file (the LMS's record, or the
TA's clone log) when the commit graded is the repository's newest (the file dates the last push;
for an older commit it only bounds the commit's date), then the graded commit's committer date.
Neither known: no penalty, and said so.
"""
from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from grader.config import Config, ConfigError
from grader.messages import Language, msg
from grader.results import AssignmentResult, SubmissionResult, late, scoring
from grader.submissions import history
from grader.submissions.identity import identifier
from grader.submissions.times import (
    NO_EXTENSIONS,
    Extensions,
    Times,
    TimesError,
    load_extensions,
    load_times,
    parse_time,
)


@dataclass(frozen=True)
class Deadlines:
    policy: late.Policy
    zone: ZoneInfo
    due: dict[str, datetime]            # assignment id -> its deadline
    extensions: Extensions = NO_EXTENSIONS
    times: Times | None = None
    at: datetime | None = None          # grade each repository as of this time (``--at``)


def load(cfg: Config, at: str | None = None, times_file: str | None = None,
         extensions_file: str | None = None) -> Deadlines | None:
    """grading.yml's ``late_policy`` and deadlines, with the command line's overrides; None when
    nothing about time is configured or asked for. Raises ConfigError (one line) on a bad file."""
    lp = cfg.late_policy
    due_text = {aid: a.deadline for aid, a in cfg.assignments.items() if a.deadline}
    if not lp.configured and not due_text and not at and not times_file:
        return None
    try:
        zone = ZoneInfo(lp.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{cfg.path}: late_policy.timezone: no time zone {lp.timezone!r} "
                          "(expected an IANA name such as Asia/Seoul)") from None
    due = {}
    for aid, text in due_text.items():
        try:
            due[aid] = parse_time(text, zone)
        except ValueError as exc:
            raise ConfigError(f"{cfg.path}: assignments.{aid}.deadline: {exc}") from None
    try:
        when = parse_time(at, zone) if at else None
    except ValueError as exc:
        raise ConfigError(f"--at: {exc}") from None
    try:
        ext_path = extensions_file or lp.extensions
        extensions = NO_EXTENSIONS if not ext_path else load_extensions(
            Path(extensions_file) if extensions_file else cfg.root / ext_path, zone, list(cfg.assignments))
        t_path = times_file or lp.times
        times = None if not t_path else load_times(Path(times_file) if times_file else cfg.root / t_path, zone)
    except TimesError as exc:
        raise ConfigError(str(exc)) from None
    return Deadlines(lp, zone, due, extensions, times, when)


@dataclass
class Piece:
    submission: int      # index into the submissions
    path: Path           # what is graded: the submission itself, or one commit's tree
    only: list[str]      # the assignments graded on it


@dataclass
class Plan:
    pieces: list[Piece]
    # (submission, id) -> the commit graded and dated
    commits: dict[tuple[int, str], history.Commit] = field(default_factory=dict)
    newest: dict[int, history.Commit] = field(default_factory=dict)               # each repository's newest commit
    not_in_time: dict[tuple[int, str], str] = field(default_factory=dict)         # no commit to grade: why (missing)
    errors: dict[tuple[int, str], str] = field(default_factory=dict)              # the repository's fault: why (error)
    problems: dict[int, str] = field(default_factory=dict)  # history unreadable: a grader problem, no score
    notes: dict[int, list[str]] = field(default_factory=dict)                      # per submission, for the TA
    workdir: tempfile.TemporaryDirectory | None = None

    def cleanup(self) -> None:
        if self.workdir is not None:
            self.workdir.cleanup()


def extension_keys(ident: str, student: dict[str, str] | None) -> list[str]:
    """The names an extension may be given under: the submission's identifier, and the roster's
    student ID, login and GitHub name where the roster knows them."""
    return [ident, *((student or {}).get(k, "") for k in ("id", "login", "github"))]


def _cutoff(d: Deadlines, aid: str, keys: list[str]) -> datetime | None:
    if d.at is not None:
        return d.at
    if d.policy.late == "reject" and aid in d.due:
        ext = d.extensions.of(keys, aid)
        deadline = ext.moved(d.due[aid]) if ext else d.due[aid]
        return deadline + timedelta(minutes=d.policy.grace_minutes)
    return None


# Files no assignment imports or reads: a README pushed after the deadline does not date the work.
DOCUMENTS = ("*.md", "README*", "LICENSE*", "*.pdf", ".gitignore", ".github")


def pathspecs(aid: str, files: dict[str, tuple[str, ...]]) -> list[str]:
    """What counts as an assignment's work in a repository (git pathspecs): everything its worker
    can import or read (its folder, helper modules beside it or at the top, nested or flat), except
    the other assignments' folders and files (in one repository for the whole course, a later lab's
    commit must not make an earlier one late) and documents. The tree graded is the one of the last
    commit that changed any of it, so nothing outside it can be newer than the date that counts."""
    def own(fs: tuple[str, ...]) -> list[str]:
        return [*fs, *(f[:-3] + ".ipynb" for f in fs if f.endswith(".py"))]

    mine = {aid, *own(files.get(aid, ()))}
    others = [p for other, fs in files.items() if other != aid for p in (other, *own(fs)) if p not in mine]
    return [":(top)", *(f":(top,exclude,literal){p}" for p in dict.fromkeys(others)),
            *(f":(top,exclude,glob)**/{d}" for d in DOCUMENTS)]


def plan(submissions: list[Path], chosen: list[str], d: Deadlines | None,
         keys: list[list[str]] | None = None, files: dict[str, tuple[str, ...]] | None = None) -> Plan:
    """The pieces to grade. Without deadlines every submission is one piece, as before. ``keys``: each
    submission's names an extension may use (its identifier, the roster's student ID); ``files``: every
    assignment's files (all of grading.yml's, not only those chosen), for :func:`pathspecs`."""
    if d is None or not any(history.is_repository(p) for p in submissions):
        return Plan([Piece(i, p, list(chosen)) for i, p in enumerate(submissions)])
    workdir = tempfile.TemporaryDirectory(prefix="dlgrader-commits-")
    out = Plan([], workdir=workdir)
    scratch = Path(workdir.name)
    files = files or {aid: () for aid in chosen}
    for i, path in enumerate(submissions):
        if not history.is_repository(path):
            out.pieces.append(Piece(i, path, list(chosen)))
            continue
        try:
            repo = history.Repository.open(path, scratch)
            commits = repo.commits()
        except history.Refused as exc:   # the student's doing: an error on each assignment, with why
            out.errors.update({(i, aid): str(exc) for aid in chosen})
            continue
        except history.HistoryError as exc:
            # Not the student's doing, and grading the working tree instead could grade late work
            # as on time: no score until the machine is fixed.
            out.problems[i] = f"the repository's history cannot be read: {exc}"
            continue
        if commits:
            out.newest[i] = commits[0]
        notes = out.notes.setdefault(i, [])
        backwards = history.out_of_order(commits)
        if backwards:
            notes.append("commit dates go backwards at " + ", ".join(c.short for c in backwards[:5])
                         + " (a rebase, a wrong clock or a forged date): check the hand-in times")
        clone = repo.cloned_at()
        if clone is not None and commits and commits[0].when > clone + timedelta(minutes=5):
            notes.append(f"commit {commits[0].short} is dated after the clone ({commits[0].when.isoformat()}): "
                         "its date was set by hand")
        groups: dict[str, list[str]] = {}
        mine = keys[i] if keys else [identifier(str(path))]
        for aid in chosen:
            cutoff = _cutoff(d, aid, mine)
            c = history.pick(commits, cutoff)
            if c is None:
                out.not_in_time[(i, aid)] = ("no commit" if not commits or cutoff is None else
                                             f"no commit at or before {cutoff.astimezone(d.zone).isoformat()}")
                continue
            try:
                handed = repo.last_change(c, pathspecs(aid, files)) or c
            except history.Refused as exc:
                out.errors[(i, aid)] = str(exc)
                continue
            except history.HistoryError as exc:
                out.problems[i] = f"the repository's history cannot be read: {exc}"
                break
            groups.setdefault(handed.sha, []).append(aid)
            out.commits[(i, aid)] = handed
        if i in out.problems:
            continue
        for sha, aids in groups.items():
            c = out.commits[(i, aids[0])]
            try:
                tree, skipped = repo.export(c, scratch / f"{i}-{sha[:12]}")
            except history.Refused as exc:   # a tree over the limits: the student's doing, like a zip
                out.errors.update({(i, aid): f"commit {c.short}: {exc}" for aid in aids})
                continue
            except history.HistoryError as exc:
                out.problems[i] = f"the repository's history cannot be read: {exc}"
                break
            if skipped:
                notes.append(f"commit {c.short}: entries not exported: {'; '.join(skipped[:10])}")
            out.pieces.append(Piece(i, tree, aids))
        if i in out.problems:
            out.pieces = [pc for pc in out.pieces if pc.submission != i]
    return out


def merge(submissions: list[Path], p: Plan, graded: list[SubmissionResult], cfg: Config, chosen: list[str],
          language: Language, shown: list[str]) -> list[SubmissionResult]:
    """One result per submission, its assignments in grading.yml's order, from its pieces."""
    if len(p.pieces) == len(submissions) and all(pc.submission == i for i, pc in enumerate(p.pieces)) \
            and not p.not_in_time and not p.errors and not p.problems:
        return graded
    out = []
    for i, _ in enumerate(submissions):
        mine = [r for pc, r in zip(p.pieces, graded, strict=False) if pc.submission == i]
        by_id = {a.id: a for r in mine for a in r.assignments}
        problems = [e for r in mine for e in r.grader_errors]
        for aid in chosen:
            a = cfg.assignments[aid]
            title = a.title.render(language).splitlines()[0]
            if i in p.problems:
                by_id[aid] = scoring.withhold(AssignmentResult(id=aid, title=title, score=None, max_score=a.max_score,
                                                               status="grader_error"), p.problems[i])
                problems.append(f"{aid}: {p.problems[i]}")
            elif (i, aid) in p.errors:
                why = p.errors[(i, aid)]
                by_id[aid] = AssignmentResult(
                    id=aid, title=title, score=0.0, max_score=a.max_score, status="error",
                    message=msg(f"저장소를 채점할 수 없습니다: {why}",
                                f"the repository cannot be graded: {why}").render(language))
            elif (i, aid) in p.not_in_time:
                why = p.not_in_time[(i, aid)]
                by_id[aid] = AssignmentResult(
                    id=aid, title=title, score=0.0, max_score=a.max_score, status="missing",
                    message=msg(f"마감 전에 제출된 커밋이 없습니다 ({why})",
                                f"nothing was committed in time ({why})").render(language))
        result = scoring.total(shown[i], [by_id[aid] for aid in chosen if aid in by_id],
                               sum(r.execution_time for r in mine),
                               next((r.sandbox for r in mine if r.sandbox), None), problems,
                               list(dict.fromkeys(n for r in mine for n in r.notes)))
        out.append(result)
    return out


def apply(results: list[SubmissionResult], p: Plan, d: Deadlines,
          language: Language) -> tuple[list[SubmissionResult], list[str]]:
    """The results with each assignment's lateness recorded and the penalty taken off (new values:
    the graded ones stay as the cache holds them), and lines for the TA (stderr): submissions whose
    hand-in time is unknown, repositories whose dates look wrong."""
    said: list[str] = []
    unknown: list[str] = []
    out: list[SubmissionResult] = []
    times_file = d.times.path.name if d.times is not None else ""
    for i, r in enumerate(results):
        ident = identifier(r.submission)
        keys = extension_keys(ident, r.student)
        notes = p.notes.get(i, [])
        for n in notes:
            said.append(f"{ident}: {n}")
        dated: list[AssignmentResult] = []
        for a in r.assignments:
            if a.id not in d.due:
                dated.append(a)
                continue
            ext = d.extensions.of(keys, a.id)
            deadline = ext.moved(d.due[a.id]) if ext else d.due[a.id]
            submitted, source = None, ""
            from_times = d.times.of(ident, a.id) if d.times else None
            commit = p.commits.get((i, a.id))
            if from_times is not None and commit is not None and commit != p.newest.get(i):
                # The times file dates the last push; the commit graded is an older one, so the file
                # only bounds its date (a README pushed late must not make on-time work late).
                submitted = min(commit.when, from_times)
                source = f"commit {commit.short}" + (f" (times file {times_file})"
                                                     if from_times < commit.when else "")
            elif from_times is not None:
                submitted, source = from_times, f"times file {times_file}"
            elif commit is not None:
                submitted, source = commit.when.astimezone(d.zone), f"commit {commit.short}"
            elif a.status != "missing":
                unknown.append(f"{ident} {a.id}")
            record = late.lateness(deadline.astimezone(d.zone), submitted.astimezone(d.zone) if submitted else None,
                                   source, d.policy, ext.shown if ext else "", notes)
            dated.append(late.apply(a, record))
        out.append(late.retotal(dataclasses.replace(r, assignments=dated)))
    if unknown:
        said.append(f"no hand-in time known (not penalised): {', '.join(unknown[:20])}"
                    + (f" and {len(unknown) - 20} more" if len(unknown) > 20 else "")
                    + "; give the LMS's submission times with --times FILE")
    return out, said

"""A class run as one library call: the submissions found, planned, graded, merged, given their
students and their lateness, and compared with an earlier run.

``grade PATH...`` is this call between parsing its arguments and writing a report; a TA who scripts
a term in Python calls it directly::

    from grader import config
    from grader.run.pipeline import Options, grade_class

    cfg = config.load(config.find(None, "course"))
    run = grade_class(["class"], cfg, Options(jobs=2))
    for r in run.results:
        print(r.submission, r.score)

Results are values. What is attached after grading (the roster's student, each assignment's
lateness and penalty) comes as new results (:func:`dataclasses.replace`), never by writing into the
graded ones, which the results cache also holds. The order is fixed here and only here: scan ->
deadlines -> sandbox permissions -> data sets -> plan -> grade -> merge -> roster -> late days ->
comparison.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from grader import config
from grader.messages import Language
from grader.results import SubmissionResult, compare
from grader.run import batch, schedule
from grader.run.cache import Cache
from grader.run.cluster import Cluster, ClusterError
from grader.submissions import roster as rosters
from grader.submissions.identity import identifier, identifiers


class CannotGrade(Exception):
    """The run cannot start (a path that is not a submission, a bad deadline or times file, no
    sandbox uid, no Dask scheduler), or its cluster's scheduler went away during it (no gradebook
    then); ``str()`` is the one-line reason."""


class Stopped(KeyboardInterrupt):
    """A signal (Ctrl-C; SIGTERM or SIGHUP where the caller turns them into KeyboardInterrupt with a
    ``signum``) stopped the run: nothing is returned, and what was graded stays in the cache."""

    def __init__(self, signum: int | None, done: int, total: int) -> None:
        super().__init__(signum, done, total)
        self.signum, self.done, self.total = signum, done, total


class Progress(Protocol):
    """Told of each graded piece (a submission, or one commit of a repository)."""

    def start(self, total: int, single: bool) -> None: ...

    def update(self, done: int, total: int, result: SubmissionResult) -> None: ...

    def stop(self) -> None: ...


def _silent(line: str) -> None:
    pass


@dataclass(frozen=True)
class Options:
    """How to grade. ``say`` gets each line for the TA (skipped entries, the roster's matches, late
    days, changes), as ``grade`` prints it on stderr."""
    assignments: list[str] | None = None   # ids to grade; None: all of grading.yml's
    language: Language | None = None       # None: grading.yml's
    jobs: int = 1
    cache: Cache | None = None             # None: neither read nor write a results cache
    force: bool = False                    # regrade what the cache holds
    batch: bool = False                    # every path is a class folder
    roster: rosters.Roster | None = None
    at: str | None = None                  # grade each repository as of this time
    times: str | None = None               # the LMS's hand-in times (instead of late_policy.times)
    extensions: str | None = None          # instead of late_policy.extensions
    offline: bool = False                  # never install or download a data set
    warm_oracles: bool = True              # a warm oracle server per job for a class (grader/run/warm.py)
    cluster: str | None = None             # a Dask scheduler's address, or slurm: grade there (grader/run/cluster.py)
    earlier: tuple[str, dict[str, compare.Earlier]] | None = None  # (its name, compare.load's) for changes
    progress: Progress | None = None
    say: Callable[[str], None] = _silent


@dataclass(frozen=True)
class ClassRun:
    results: list[SubmissionResult]        # one per submission, in the order found
    single: bool                           # one student's submission, not a class
    summary: batch.Summary
    absent: list[dict[str, str]] = field(default_factory=list)  # roster entries without a submission (a class)
    changes: list[str] | None = None       # per student whose score changed (None: nothing to compare with)


def submissions_of(paths: list[Path], cfg: config.Config, as_batch: bool,
                   say: Callable[[str], None] = _silent) -> tuple[list[Path], bool]:
    """What ``paths`` hand in, and whether that is one student's submission: a class folder (or
    every path, with ``as_batch``) stands for its subfolders and zips, each skipped entry said."""
    for p in paths:
        if not p.exists():
            raise CannotGrade(f"{p}: no such file or folder")
        if not (p.is_dir() or p.suffix.lower() == ".zip"):
            raise CannotGrade(f"{p}: expected a submission folder or a .zip file")
    class_folder = len(paths) == 1 and batch.is_class_folder(paths[0], cfg)
    found: list[Path] = []
    for p in paths:
        if as_batch or class_folder:
            if not p.is_dir():
                raise CannotGrade(f"{p}: --batch expects a class folder (one subfolder or .zip per student)")
            members, skipped = batch.scan(p)
            found += members
            for name, why in skipped:
                say(f"grade: skipped {p / name}: {why}")
        else:
            found.append(p)
    return found, len(found) == 1 and not as_batch and not class_folder


def grade_class(paths: list[str] | list[Path], cfg: config.Config, options: Options = Options()) -> ClassRun:
    """Grade ``paths`` (submission folders and zips, or class folders of them) as ``grade`` does.
    Raises :class:`CannotGrade` before grading anything, :class:`Stopped` on a signal."""
    say = options.say
    chosen = config.select(cfg, options.assignments)
    language: Language = options.language or cfg.language
    submissions, single = submissions_of([Path(p) for p in paths], cfg, options.batch, say)
    try:
        deadlines = schedule.load(cfg, options.at, options.times, options.extensions)
    except config.ConfigError as exc:
        raise CannotGrade(str(exc)) from None
    _prepare_sandbox(cfg, submissions, say)
    _prepare_data(chosen, options.offline, say)
    store = options.cache
    chosen_ids = [a.id for a in chosen]
    work = schedule.plan(submissions, chosen_ids, deadlines, _extension_keys(submissions, options.roster),
                         {a.id: a.files for a in cfg.assignments.values()})
    shown = {pc.path: str(submissions[pc.submission]) for pc in work.pieces}
    done = 0

    def update(n: int, total: int, result: SubmissionResult) -> None:
        nonlocal done
        done = n
        if options.progress is not None:
            options.progress.update(n, total, result)

    from grader.sandbox import backend

    try:
        cluster = (Cluster(options.cluster, cfg.cluster,
                           network_namespace=backend.mode(cfg.sandbox_namespaces).namespaces)
                   if options.cluster else None)
    except ClusterError as exc:
        work.cleanup()
        raise CannotGrade(str(exc)) from None
    retries = cluster.allowed_failures() if cluster is not None else 0
    if retries:
        say(f"grade: warning: the Dask scheduler hands a task whose worker died to another worker ({retries} "
            "times): a submission that kills its worker is graded again elsewhere; start the scheduler with "
            "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES=0 (docs/cluster.md)")
    if options.progress is not None:
        options.progress.start(len(work.pieces), single)
    try:
        graded, summary = batch.grade_many([pc.path for pc in work.pieces], cfg, options.assignments, language,
                                           options.jobs, store, force=options.force, progress=update,
                                           shown=shown.__getitem__, only_each=[pc.only for pc in work.pieces],
                                           hide_each=[[str(submissions[pc.submission].resolve().parent)]
                                                      for pc in work.pieces],
                                           warm_oracles=options.warm_oracles, cluster=cluster)
        results = schedule.merge(submissions, work, graded, cfg, chosen_ids, language, [str(p) for p in submissions])
        if results is not graded:
            summary = batch.summarise(results, summary.from_cache, summary.seconds)
    except KeyboardInterrupt as exc:
        raise Stopped(getattr(exc, "signum", None), done, len(submissions)) from exc
    except ClusterError as exc:  # the scheduler went away: one line, no gradebook
        raise CannotGrade(str(exc)) from None
    finally:
        if options.progress is not None:
            options.progress.stop()
        if cluster is not None:
            cluster.close()
        work.cleanup()
    if not single:
        say(summary.line())
    if store is not None and store.write_error:
        say(f"grade: warning: results cache not written in {store.dir} ({store.write_error}); "
            "grading is unaffected, a rerun regrades")
    absent: list[dict[str, str]] = []
    if options.roster is not None:
        results, absent = _with_students(results, options.roster, not single, say)
    if deadlines is not None and deadlines.due:
        results, lines = schedule.apply(results, work, deadlines, language)
        for line in lines:
            say(f"grade: {line}")
    changes = None
    if options.earlier is not None:
        name, earlier = options.earlier
        changes = compare.changes(results, earlier)
        say(f"grade: changes since {name}: " + (f"{len(changes)} student(s)" if changes else "none"))
        for line in changes:
            say(f"  {line}")
    return ClassRun(results, single, summary, absent, changes)


def _extension_keys(submissions: list[Path], class_roster: rosters.Roster | None) -> list[list[str]]:
    """Each submission's names an extension may be given under: its identifier, and the roster's
    student ID and login where the roster knows it."""
    idents = [identifier(str(p)) for p in submissions]
    found = class_roster.reconcile(idents).matched if class_roster is not None else {}
    return [schedule.extension_keys(i, found[i].as_dict() if i in found else None) for i in idents]


def _with_students(results: list[SubmissionResult], class_roster: rosters.Roster, whole_class: bool,
                   say: Callable[[str], None]) -> tuple[list[SubmissionResult], list[dict[str, str]]]:
    """Each result with its student from the roster, and (for a class, not one student's submission)
    the entries without a submission, which the gradebook lists as rows. Said to the TA: which
    submissions have no entry, which could be two students' (those get none, and a ``roster_note``),
    which student has several."""
    idents = identifiers(results)
    found = class_roster.reconcile(idents)
    shared_by = {ident: (sid, group) for sid, group in found.shared.items() for ident in group}
    attached = []
    for r, ident in zip(results, idents, strict=True):
        s = found.matched.get(ident)
        note = r.roster_note
        if ident in found.ambiguous:
            who = " and ".join(f"{c.key} ({c.student_id})" for c in found.ambiguous[ident])
            note = f"ambiguous: could be {who}; no student given (rename the submission or fix the prefix)"
        elif ident in shared_by:
            sid, group = shared_by[ident]
            note = f"one of {len(group)} submissions of student {sid}: {', '.join(group)}"
        attached.append(dataclasses.replace(r, student=s.as_dict() if s else None, roster_note=note))
    how = f"{class_roster.match}" + (f" with prefix {class_roster.prefix!r}" if class_roster.prefix else "")
    say(f"grade: roster {class_roster.path} ({class_roster.kind}): {len(found.matched)} of {len(results)} "
        f"submission(s) matched on {how}")
    if found.unknown:
        say(f"grade: {len(found.unknown)} submission(s) without a roster entry: {', '.join(found.unknown)}")
        seen = class_roster.prefixes_seen(found.unknown) if not class_roster.prefix else []
        if seen:
            say(f"grade: hint: names such as {seen[0]}-<{class_roster.match}> match only with the GitHub Classroom "
                f"assignment prefix: --roster-prefix {seen[0]} (or roster.prefix in grading.yml); nothing is "
                "matched by guessing")
    for ident, could in found.ambiguous.items():
        say(f"grade: warning: {ident} could be the submission of "
            f"{' or '.join(f'{c.name} ({c.student_id})' for c in could)}; it gets no student (rename it, or fix "
            "the roster or its prefix)")
    for sid, group in found.shared.items():
        say(f"grade: warning: {len(group)} submissions belong to student {sid}: {', '.join(group)} (an LMS "
            "import takes one row per student: remove the others)")
    if not whole_class:
        return attached, []
    if found.absent:
        who = ", ".join(f"{s.name} ({s.student_id})" for s in found.absent)
        say(f"grade: {len(found.absent)} roster entr{'y' if len(found.absent) == 1 else 'ies'} without a "
            f"submission: {who}")
    return attached, [{**s.as_dict(), "key": s.key} for s in found.absent]


def _prepare_sandbox(cfg: config.Config, submissions: list[Path], say: Callable[[str], None]) -> None:
    """As root without namespaces, hide the course folder, the data sets and the submissions from
    the sandbox uids by permissions before any worker starts (grader/sandbox/permissions.py)."""
    from grader.sandbox import backend, permissions, uids

    how = backend.mode(cfg.sandbox_namespaces)
    if how.namespaces or not submissions:
        return
    parents = list(dict.fromkeys(p.resolve().parent for p in submissions))
    try:
        lease = uids.acquire(*cfg.sandbox_uids)
    except uids.LeaseError as exc:
        raise CannotGrade(str(exc)) from None
    try:
        changed = backend.hide(how, cfg.private_paths(), parents, lease.uid)
    except (permissions.Exposed, OSError) as exc:
        raise CannotGrade(str(exc)) from None
    finally:
        lease.release()
    if changed:
        say(f"grade: no namespaces here, so other users lost access to: {', '.join(changed)}")


def _prepare_data(chosen: list[config.AssignmentConfig], offline: bool, say: Callable[[str], None]) -> None:
    """Let each kit get what its assignments need (a data set: Debian's package where apt is usable,
    else a download), once, before any oracle starts; say so in one line. If that fails, grading goes
    on: those assignments become grader problems (no score), and the warning says how to fix it."""
    from grader import kits

    done_for: set[tuple[str, str]] = set()
    for a in chosen:
        if not a.kit or (a.kit, repr(a.training)) in done_for:
            continue
        done_for.add((a.kit, repr(a.training)))
        try:
            done = kits.prepare(a, offline)
        except kits.Unavailable as exc:
            say(f"grade: warning: {a.id} cannot be graded on this machine: {exc}")
            continue
        if done:
            say(f"grade: {a.id}: {done}")

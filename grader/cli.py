"""The ``grade`` command: a thin layer over config, engine and reporters.

Exit status: 0 whenever grading ran, whatever the scores; 2 when the grader
itself cannot run (bad path, bad grading.yml, bad option), with a one-line
reason on stderr and no traceback; 3 when grading ran but the grader failed on
some assignment (it has no score; the report is written and says so, except for
Gradescope, where no results.json is the documented way to record nothing); 128 +
the signal's number when a signal (SIGINT, SIGTERM, SIGHUP) stopped the run, with
no report written.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import signal
import sys
from pathlib import Path
from typing import Iterator

from grader import __version__, config
from grader.run import batch, engine, schedule
from grader.results import compare, sanitize
from grader.run.cache import Cache
from grader.store import default_dir as default_cache_dir
from grader import reporters
from grader.reporters import REPORTERS
from grader.reporters.lms import Refused as LmsRefused
from grader.reporters.html import MissingLibrary
from grader.reporters.gradescope import Withheld
from grader.sandbox.procs import protect_self
from grader.config import leaderboard_secret
from grader.reporters import leaderboard
from grader.submissions import roster


# Exit statuses (README "Grading"): 0 graded; 2 the grader cannot run; 3 graded, but the grader failed
# on some assignment (it has no score; the report says so); 128 + N stopped by signal N.
EXIT_GRADER_PROBLEM = 3


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="grade", description="Grade deep-learning course submissions "
                                "(a folder or .zip per student) against the hidden test suites. "
                                "`grade audit --help`: mutation analysis of the suites.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="submission folder(s) or .zip file(s)")
    p.add_argument("--assignment", "-a", action="append", metavar="ID", help="grade only this assignment (repeatable)")
    p.add_argument("--format", "-f", choices=sorted(REPORTERS), default="text", help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of standard output")
    _course_options(p)
    p.add_argument("--language", choices=["ko", "en"], help="feedback language (default: grading.yml's)")
    p.add_argument("--batch", action="store_true", help="each PATH is a class folder: grade every subfolder and "
                   ".zip in it (detected automatically for a single folder that holds no assignment file)")
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                   help="submissions graded at once (default: the number of cores)")
    p.add_argument("--force", action="store_true", help="regrade even submissions whose result is cached")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the results cache")
    p.add_argument("--cache-dir", metavar="DIR", help="results cache (default: $XDG_CACHE_HOME/dlgrader)")
    p.add_argument("--plots", metavar="DIR", help="where training-curve plots go (default: plots/ beside -o's "
                   "file, else ./grade-plots)")
    p.add_argument("--no-plots", action="store_true", help="do not draw training-curve plots")
    p.add_argument("--offline", action="store_true", help="never install or download anything (a missing data set "
                   "is then a grader problem for the assignments that need it)")
    p.add_argument("--roster", metavar="CSV", help="the class roster (GitHub Classroom's or Canvas's export, or "
                   "grading.yml's roster: columns): every report shows each student's ID and name, and "
                   "submissions without an entry and entries without a submission are listed")
    p.add_argument("--roster-prefix", metavar="PREFIX", type=_prefix, help="the GitHub Classroom assignment prefix "
                   "(instead of grading.yml's roster.prefix): a submission named PREFIX-LOGIN is LOGIN's; without "
                   "one, only a name equal to a roster entry's matches")
    p.add_argument("--at", metavar="TIME", help="grade each git repository as of TIME (its newest commit at or before "
                   "it; ISO 8601, in late_policy.timezone without an offset), whatever late_policy.late says")
    p.add_argument("--times", metavar="CSV", help="when each submission was handed in, as the LMS exported it "
                   "(instead of late_policy.times): lateness for zips and folders")
    p.add_argument("--extensions", metavar="CSV", help="per-student extensions (instead of late_policy.extensions)")
    p.add_argument("--compare", metavar="PREVIOUS", help="an earlier report (.json or .csv gradebook): list on "
                   "stderr each student whose score changed, by assignment and test")
    p.add_argument("--similarity", metavar="FILE", help="with --format html: add grade similarity's pairs (its "
                   "--format json report) to the class report")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p


def _course_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", metavar="DIR", help="the course folder (grading.yml, tests/, reference/); default: "
                   f"${config.COURSE_ENV}, else the current folder or the nearest one above it with grading.yml")
    p.add_argument("--config", "-c", metavar="FILE", help="the grading.yml to use (its folder is the course)")


def _prefix(text: str) -> str:
    """--roster-prefix: the form grading.yml's roster.prefix has."""
    try:
        return roster.check_prefix(text)
    except roster.RosterError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class _CannotRun(Exception):
    """The grader cannot run; ``str()`` is the one-line reason (exit 2)."""


def _load(args: argparse.Namespace, only: list[str] | None) -> tuple[config.Config, list[config.AssignmentConfig]]:
    """The course's grading.yml (:func:`grader.config.find`), validated against the hidden suites."""
    try:
        cfg = config.load(config.find(args.config, args.course))
        chosen = config.select(cfg, only)
        engine.check_points(cfg, chosen)
    except config.ConfigError as exc:
        raise _CannotRun(str(exc)) from None
    except SyntaxError as exc:
        raise _CannotRun(f"hidden test file {exc.filename} does not parse: {exc.msg} (line {exc.lineno})") from None
    return cfg, chosen


def build_audit_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="grade audit", description="Mutation analysis of the hidden suites: "
                                "mutate each reference solution and check that the suite fails every mutant.")
    p.add_argument("--assignment", "-a", action="append", metavar="ID", help="audit only this assignment (repeatable)")
    p.add_argument("--format", "-f", choices=["text", "json"], default="text")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of standard output")
    _course_options(p)
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="mutants run at once (default: cores)")
    p.add_argument("--fail-under", type=float, metavar="PCT",
                   help="exit 1 when the overall kill rate (percent) is below this")
    return p


def audit_main(argv: list[str]) -> int:
    from grader.tools import audit
    from grader.reporters import audit as audit_reporters

    args = build_audit_parser().parse_args(argv)
    protect_self()
    try:
        cfg, chosen = _load(args, args.assignment)
        audit.load_allowlist(cfg.root / "audit.yml")
    except _CannotRun as exc:
        return _fail(str(exc))
    except config.ConfigError as exc:
        return _fail(str(exc))
    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if tty:
            print(f"\raudited {done}/{total} mutants", end="" if done < total else "\n", file=sys.stderr, flush=True)
        elif done == total or done % 25 == 0:
            print(f"audited {done}/{total} mutants", file=sys.stderr, flush=True)

    try:
        report = audit.run(cfg, chosen, jobs=args.jobs, progress=progress)
    except KeyboardInterrupt:
        return _fail("interrupted; no report written")
    buf = io.StringIO()
    (audit_reporters.write_json if args.format == "json" else audit_reporters.write_text)(report, buf)
    status = _emit(buf.getvalue(), args.output)
    if status == 0 and args.fail_under is not None and report.ratio * 100 < args.fail_under:
        print(f"grade audit: kill rate {report.ratio:.1%} is below --fail-under {args.fail_under:g}%", file=sys.stderr)
        return 1
    return status


def gradescope_zip_main(argv: list[str]) -> int:
    from grader.tools import gradescope_zip

    p = argparse.ArgumentParser(prog="grade gradescope-zip", description="Build the autograder zip for "
                                "Gradescope (setup.sh, run_autograder, the grader, hidden suites, references).")
    p.add_argument("-o", "--output", default="autograder.zip", metavar="FILE")
    _course_options(p)
    args = p.parse_args(argv)
    try:
        cfg, _ = _load(args, None)
        names = gradescope_zip.build(cfg.root, Path(args.output))
    except _CannotRun as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{args.output}: cannot write ({exc.strerror})")
    print(f"wrote {args.output}: {len(names)} files (keep it private: it holds the hidden tests)", file=sys.stderr)
    return 0


def _fraction(text: str) -> float:
    """--threshold: a share between 0 and 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1, found {text!r}") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1, found {text}")
    return value


def similarity_main(argv: list[str]) -> int:
    """``grade similarity CLASS``: pairs of students whose code for an assignment is alike (README
    "Similarity"). Exit 0 when the check ran, whatever it found; 2 when it cannot run."""
    from grader.reporters import similarity as similarity_reports
    from grader.tools import similarity

    p = argparse.ArgumentParser(prog="grade similarity", description="Compare the students' code per assignment "
                                "(copydetect's winnowing fingerprints), the stubs and grading.yml's similarity.base "
                                "ignored, and list the pairs at or above the threshold with their matching lines.")
    p.add_argument("path", metavar="CLASS", help="a class folder (one subfolder or .zip per student)")
    p.add_argument("--assignment", "-a", action="append", metavar="ID", help="compare only this assignment (repeatable)")
    p.add_argument("--threshold", type=_fraction, metavar="X", help="show pairs where either student's share of "
                   "matching code is at least X, 0 to 1 (default: grading.yml's similarity.threshold, else 0.5)")
    p.add_argument("--format", "-f", choices=["text", "json"], default="text",
                   help="text (default), or json: what grade CLASS --format html --similarity FILE reads")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of standard output")
    _course_options(p)
    p.add_argument("--language", choices=["ko", "en"], help="report language (default: grading.yml's)")
    args = p.parse_args(argv)
    try:
        cfg = config.load(config.find(args.config, args.course))
        chosen = config.select(cfg, args.assignment)
    except config.ConfigError as exc:
        return _fail(str(exc))
    folder = Path(args.path)
    if not folder.is_dir():
        return _fail(f"{folder}: expected a class folder (one subfolder or .zip per student)")
    found, skipped = batch.scan(folder)
    for name, why in skipped:
        print(f"grade: skipped {folder / name}: {why}", file=sys.stderr)
    if len(found) < 2:
        return _fail(f"{folder}: {len(found)} submission(s) found; comparing needs at least two (one subfolder or "
                     ".zip per student)")
    language = args.language or cfg.language
    try:
        report = similarity.run(cfg, folder, chosen, language, args.threshold)
    except (similarity.MissingLibrary, similarity.SimilarityError) as exc:
        return _fail(str(exc))
    buf = io.StringIO()
    if args.format == "json":
        similarity_reports.write_json(report, buf)
    else:
        similarity_reports.write_text(report, buf, language)
    status = _emit(buf.getvalue(), args.output)
    if status == 0 and args.output:
        print(f"grade similarity: {len(report.pairs)} pair(s) at or above {report.threshold:g}; wrote {args.output}",
              file=sys.stderr)
    return status


def _emit(text: str, output: str | None) -> int:
    """Write the report to ``output`` atomically (a reader never sees half of it), or to stdout."""
    if not output:
        sys.stdout.write(text)
        return 0
    out = Path(output)
    tmp = out.with_name(f".{out.name}.part")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)  # no half-written file beside the previous report
        return _fail(f"{output}: cannot write report ({exc.strerror})")
    return 0


def _fail(reason: str) -> int:
    print(f"grade: error: {reason}", file=sys.stderr)
    return 2


class _CleanStream(io.TextIOBase):
    """stderr as the TA's terminal gets it: what ``grade`` says there names the class folder's
    files, which are the students' (an LMS keeps a student's own file name), so it is cleaned as
    results are (:mod:`grader.results.sanitize`): no escape sequence reaches the terminal."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        lead = "\r" if text.startswith("\r") else ""  # the grader's own progress line, redrawn in place
        self._out.write(lead + sanitize.clean(text[len(lead):]))
        return len(text)

    def flush(self) -> None:
        self._out.flush()

    def isatty(self) -> bool:
        return self._out.isatty()


def main(argv: list[str] | None = None) -> int:
    stderr = sys.stderr
    sys.stderr = _CleanStream(stderr)
    try:
        return _main(argv)
    finally:
        sys.stderr = stderr


def _main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["audit"]:  # a submission folder named "audit" can still be graded as ./audit
        return audit_main(argv[1:])
    if argv[:1] == ["gradescope-zip"]:
        return gradescope_zip_main(argv[1:])
    if argv[:1] == ["similarity"]:  # a submission folder so named: ./similarity
        return similarity_main(argv[1:])
    if argv[:1] and not argv[0].startswith("-") and "/" not in argv[0]:
        from grader import kits

        command = kits.command(argv[0])  # a kit's subcommand (grade dataset; a folder so named: ./dataset)
        if command is not None:
            return int(command(argv[1:]))
    if argv[:1] == ["make-notebooks"]:
        from grader.tools import make_notebooks

        return make_notebooks.main(argv[1:])
    args = build_parser().parse_args(argv)
    protect_self()
    try:
        cfg, chosen = _load(args, args.assignment)
        earlier = compare.load(Path(args.compare)) if args.compare else None
    except _CannotRun as exc:
        return _fail(str(exc))
    except compare.CompareError as exc:
        return _fail(f"--compare {exc}")
    similar = None
    if args.similarity:
        from grader.results import similarity as similarity_results

        if args.format != "html":
            return _fail(f"--similarity {args.similarity}: only --format html shows it (the class report)")
        try:
            similar = similarity_results.load(Path(args.similarity))
        except similarity_results.SimilarityFileError as exc:
            return _fail(f"--similarity {exc}")
    roster_file = Path(args.roster) if args.roster else cfg.root / cfg.roster["file"] if cfg.roster else None
    if args.format in ("canvas", "moodle") and roster_file is None:
        return _fail(f"--format {args.format} needs a roster (--roster CSV, or grading.yml's roster: file): the LMS "
                     "matches each row to a student by an ID only a roster gives")
    if args.roster_prefix and roster_file is None:
        return _fail("--roster-prefix needs a roster (--roster CSV, or grading.yml's roster: file)")
    try:
        class_roster = None if roster_file is None else roster.load(
            roster_file, **{k: cfg.roster[k] for k in ("match", "student_id", "name") if k in cfg.roster},
            prefix=args.roster_prefix or cfg.roster.get("prefix", ""))
    except roster.RosterError as exc:
        return _fail(f"{'--roster' if args.roster else f'{cfg.path}: roster:'} {exc}")
    language = args.language or cfg.language
    for p in args.paths:
        if not Path(p).exists():
            return _fail(f"{p}: no such file or folder")
        if not (Path(p).is_dir() or Path(p).suffix.lower() == ".zip"):
            return _fail(f"{p}: expected a submission folder or a .zip file")
    class_folder = len(args.paths) == 1 and batch.is_class_folder(Path(args.paths[0]), cfg)
    submissions: list[Path] = []
    for p in map(Path, args.paths):
        if args.batch or class_folder:
            if not p.is_dir():
                return _fail(f"{p}: --batch expects a class folder (one subfolder or .zip per student)")
            found, skipped = batch.scan(p)
            submissions += found
            for name, why in skipped:
                print(f"grade: skipped {p / name}: {why}", file=sys.stderr)
        else:
            submissions.append(p)
    single = len(submissions) == 1 and not args.batch and not class_folder
    try:
        deadlines = schedule.load(cfg, args.at, args.times, args.extensions)
        _prepare_sandbox(cfg, submissions)
    except config.ConfigError as exc:
        return _fail(str(exc))
    except _CannotRun as exc:
        return _fail(str(exc))
    _prepare_data(chosen, offline=args.offline)
    store = None if args.no_cache else Cache(Path(args.cache_dir) if args.cache_dir else default_cache_dir())
    chosen_ids = [a.id for a in chosen]
    work = schedule.plan(submissions, chosen_ids, deadlines, _extension_keys(submissions, class_roster),
                         {a.id: a.files for a in cfg.assignments.values()})
    shown = {pc.path: str(submissions[pc.submission]) for pc in work.pieces}
    progress = _Progress(len(work.pieces), quiet=single)
    try:
        with _stop_signals(), progress:
            graded, summary = batch.grade_many([pc.path for pc in work.pieces], cfg, args.assignment, language,
                                               args.jobs, store, force=args.force, progress=progress.update,
                                               shown=shown.__getitem__, only_each=[pc.only for pc in work.pieces],
                                               hide_each=[[str(submissions[pc.submission].resolve().parent)]
                                                          for pc in work.pieces])
            results = schedule.merge(submissions, work, graded, cfg, chosen_ids, language,
                                     [str(p) for p in submissions])
            if results is not graded:
                summary = batch.summarise(results, summary.from_cache, summary.seconds)
    except KeyboardInterrupt as exc:
        signum = getattr(exc, "signum", signal.SIGINT)
        print(f"grade: stopped by {signal.Signals(signum).name} after {progress.done} of {len(submissions)} "
              "submission(s); no report written (graded results stay in the cache: a rerun continues)",
              file=sys.stderr)
        return 128 + signum
    finally:
        work.cleanup()
    if not single:
        print(summary.line(), file=sys.stderr)
    if store is not None and store.write_error:
        print(f"grade: warning: results cache not written in {store.dir} ({store.write_error}); "
              "grading is unaffected, a rerun regrades", file=sys.stderr)
    absent: list = []
    if class_roster is not None:
        absent = _attach_roster(results, class_roster, whole_class=not single)
    if deadlines is not None and deadlines.due:
        for line in schedule.apply(results, work, deadlines, language):
            print(f"grade: {line}", file=sys.stderr)
    if earlier is not None:
        lines = compare.changes(results, earlier)
        print(f"grade: changes since {args.compare}: " + (f"{len(lines)} student(s)" if lines else "none"),
              file=sys.stderr)
        for line in lines:
            print(f"  {line}", file=sys.stderr)
    buf = io.StringIO()
    try:
        salt = _leaderboard_salt(args.format, single, results)
        reporters.write(args.format, results, buf, language, single, {**cfg.gradescope, "absent": absent,
                                                                       "leaderboard_salt": salt,
                                                                       "similarity": similar})
    except (LmsRefused, MissingLibrary, leaderboard_secret.SecretError) as exc:
        kept = " (graded results stay in the cache: a rerun continues)" if store is not None else ""
        return _fail(f"{exc}; no report written{kept}")
    except Withheld as exc:  # Gradescope: no results.json rather than a grade that is not one
        print(f"grade: {exc}")
        print(f"grade: {exc}", file=sys.stderr)
        return EXIT_GRADER_PROBLEM
    status = _emit(buf.getvalue(), args.output)
    if status == 0 and not args.no_plots:
        _write_plots(results, args.plots, args.output)
    if status == 0 and not all(r.final for r in results):
        print("grade: not final: the grader failed on some assignment(s), which have no score (see grader_errors); "
              "fix the machine and grade again (exit status 3)", file=sys.stderr)
        return EXIT_GRADER_PROBLEM
    return status


def _extension_keys(submissions: list[Path], class_roster: "roster.Roster | None") -> list[list[str]]:
    """Each submission's names an extension may be given under: its identifier, and the roster's
    student ID and login where the roster knows it."""
    from grader.submissions.identity import identifier

    idents = [identifier(str(p)) for p in submissions]
    found = class_roster.reconcile(idents).matched if class_roster is not None else {}
    return [schedule.extension_keys(i, found[i].as_dict() if i in found else None) for i in idents]


def _attach_roster(results: list, class_roster: "roster.Roster", whole_class: bool) -> list[dict[str, str]]:
    """Give each result its student from the roster; say on stderr which submissions have no entry, which
    could be two students' (those get none, and a ``roster_note``), which student has several, and (for a
    class, not one student's submission) which entries have none: those are returned, and the gradebook
    lists them as rows."""
    from grader.submissions.identity import identifiers

    found = class_roster.reconcile(identifiers(results))
    shared_by = {ident: (sid, idents) for sid, idents in found.shared.items() for ident in idents}
    for r, ident in zip(results, identifiers(results)):
        s = found.matched.get(ident)
        r.student = s.as_dict() if s else None
        if ident in found.ambiguous:
            who = " and ".join(f"{c.key} ({c.student_id})" for c in found.ambiguous[ident])
            r.roster_note = f"ambiguous: could be {who}; no student given (rename the submission or fix the prefix)"
        elif ident in shared_by:
            sid, idents = shared_by[ident]
            r.roster_note = f"one of {len(idents)} submissions of student {sid}: {', '.join(idents)}"
    how = f"{class_roster.match}" + (f" with prefix {class_roster.prefix!r}" if class_roster.prefix else "")
    print(f"grade: roster {class_roster.path} ({class_roster.kind}): {len(found.matched)} of {len(results)} "
          f"submission(s) matched on {how}", file=sys.stderr)
    if found.unknown:
        print(f"grade: {len(found.unknown)} submission(s) without a roster entry: {', '.join(found.unknown)}",
              file=sys.stderr)
        seen = class_roster.prefixes_seen(found.unknown) if not class_roster.prefix else []
        if seen:
            print(f"grade: hint: names such as {seen[0]}-<{class_roster.match}> match only with the GitHub Classroom "
                  f"assignment prefix: --roster-prefix {seen[0]} (or roster.prefix in grading.yml); nothing is "
                  "matched by guessing", file=sys.stderr)
    for ident, could in found.ambiguous.items():
        print(f"grade: warning: {ident} could be the submission of "
              f"{' or '.join(f'{c.name} ({c.student_id})' for c in could)}; it gets no student (rename it, or fix "
              "the roster or its prefix)", file=sys.stderr)
    for sid, idents in found.shared.items():
        print(f"grade: warning: {len(idents)} submissions belong to student {sid}: {', '.join(idents)} (an LMS "
              "import takes one row per student: remove the others)", file=sys.stderr)
    if not whole_class:
        return []
    if found.absent:
        who = ", ".join(f"{s.name} ({s.student_id})" for s in found.absent)
        print(f"grade: {len(found.absent)} roster entr{'y' if len(found.absent) == 1 else 'ies'} without a "
              f"submission: {who}", file=sys.stderr)
    return [{**s.as_dict(), "key": s.key} for s in found.absent]


def _leaderboard_salt(fmt: str, single: bool, results: list) -> str | None:
    """The pseudonyms' secret, where the report can show one (README "A TA's term: the class report"):
    drawing a board (the class report, a class's Markdown) makes it on first use; a student's own
    feedback shows a pseudonym only once it exists. None where nothing is ranked."""
    if fmt not in ("text", "markdown", "html", "classroom") or not leaderboard.on_board(results):
        return None
    return leaderboard_secret.load(create=fmt == "html" or (fmt == "markdown" and not single))


class _Stop(KeyboardInterrupt):
    """SIGTERM or SIGHUP: stop the run exactly as Ctrl-C (SIGINT) does."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _stop_signals() -> Iterator[None]:
    """While grading, SIGTERM (``timeout``, systemd, Slurm, a cancelled CI job) and SIGHUP (a closed
    terminal) raise in the main thread like Ctrl-C; the batch then ends every running oracle."""
    def stop(signum: int, frame: object) -> None:
        raise _Stop(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _prepare_sandbox(cfg: config.Config, submissions: list[Path]) -> None:
    """As root without namespaces, hide the course folder, the data sets and the submissions from
    the sandbox uids by permissions before any worker starts (grader/sandbox/permissions.py)."""
    from grader.sandbox import permissions, uids

    if not permissions.needed(cfg.sandbox_namespaces) or not submissions:
        return
    parents = list(dict.fromkeys(p.resolve().parent for p in submissions))
    try:
        lease = uids.acquire(*cfg.sandbox_uids)
    except uids.LeaseError as exc:
        raise _CannotRun(str(exc)) from None
    try:
        changed = permissions.ensure_hidden(cfg.private_paths(), parents, lease.uid)
    except (permissions.Exposed, OSError) as exc:
        raise _CannotRun(str(exc)) from None
    finally:
        lease.release()
    if changed:
        print(f"grade: no namespaces here, so other users lost access to: {', '.join(changed)}", file=sys.stderr)


def _prepare_data(chosen: list[config.AssignmentConfig], offline: bool) -> None:
    """Let each kit get what its assignments need (a data set: Debian's package where apt is usable,
    else a download), once, before any oracle starts; say so in one line. If that fails, grading goes
    on: those assignments become grader problems (no score), and the warning says how to fix it."""
    from grader import kits

    done_for: set[tuple] = set()
    for a in chosen:
        if not a.kit or (a.kit, repr(a.training)) in done_for:
            continue
        done_for.add((a.kit, repr(a.training)))
        try:
            done = kits.prepare(a, offline)
        except kits.Unavailable as exc:
            print(f"grade: warning: {a.id} cannot be graded on this machine: {exc}", file=sys.stderr)
            continue
        if done:
            print(f"grade: {a.id}: {done}", file=sys.stderr)


def _write_plots(results: list, plots_arg: str | None, output: str | None) -> None:
    """After the report (the gradebook never waits on, or fails because of, a figure)."""
    from grader.reporters import plots

    folder = Path(plots_arg) if plots_arg else (Path(output).parent / "plots" if output else Path("grade-plots"))
    try:
        written = plots.write(results, folder)
    except (OSError, ValueError, ImportError) as exc:
        print(f"grade: warning: training-curve plots not written ({exc})", file=sys.stderr)
        return
    if written:
        shown = written[0] if len(written) == 1 else f"{folder}/ ({len(written)} files)"
        print(f"training-curve plot / 학습 곡선: {shown}", file=sys.stderr)


class _Progress:
    """A progress bar on a terminal (rich), plain lines otherwise (CI logs), nothing for one submission."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.total, self.quiet = total, quiet
        self.done = 0
        self.tty = sys.stderr.isatty()
        self.bar = None

    def __enter__(self) -> "_Progress":
        if not self.quiet and self.tty:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self.bar = Progress("grading", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                transient=True, redirect_stdout=False)
            self.bar.start()
            self.task = self.bar.add_task("grading", total=self.total)
        return self

    def update(self, done: int, total: int, result: object) -> None:
        self.done = done
        if self.quiet:
            return
        if self.bar is not None:
            self.bar.update(self.task, completed=done)
        else:
            score = getattr(result, "score", None)
            shown = "not final" if score is None else f"{score:g}/{getattr(result, 'max_score', 0):g}"
            print(f"graded {done}/{total}: {getattr(result, 'submission', '?')} {shown}", file=sys.stderr, flush=True)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


if __name__ == "__main__":
    raise SystemExit(main())

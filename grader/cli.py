"""The ``grade`` command: its arguments, the class run (:func:`grader.run.pipeline.grade_class`), the
report and the exit status; the staff subcommands live in :mod:`grader.tools.commands`.

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
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from grader import __version__, config, reporters
from grader.reporters import REPORTERS, leaderboard
from grader.results import SubmissionResult, compare
from grader.run import pipeline
from grader.run.cache import Cache
from grader.sandbox.procs import protect_self
from grader.store import default_dir as default_cache_dir
from grader.submissions import roster
from grader.tools import commands

if TYPE_CHECKING:
    from rich.progress import Progress as Bar
    from rich.progress import TaskID

# Exit statuses (docs/grading.md, "Exit status"): 0 graded; 2 the grader cannot run; 3 graded, but the grader
# failed on some assignment (it has no score; the report says so); 128 + N stopped by signal N.
EXIT_GRADER_PROBLEM = 3


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="grade", description="Grade deep-learning course submissions "
                                "(a folder or .zip per student) against the hidden test suites. "
                                "`grade audit --help`: mutation analysis of the suites.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="submission folder(s) or .zip file(s)")
    p.add_argument("--assignment", "-a", action="append", metavar="ID", help="grade only this assignment (repeatable)")
    p.add_argument("--format", "-f", choices=sorted(REPORTERS), default="text", help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of standard output")
    commands.course_options(p)
    p.add_argument("--language", choices=["ko", "en"], help="feedback language (default: grading.yml's)")
    p.add_argument("--batch", action="store_true", help="each PATH is a class folder: grade every subfolder and "
                   ".zip in it (detected automatically for a single folder that holds no assignment file)")
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                   help="submissions graded at once (default: the number of cores)")
    p.add_argument("--cold-oracles", action="store_true", help="start every submission's oracle as a new process "
                   "instead of forking it from a warm one per job (slower; to compare, or to rule the warm oracle out)")
    p.add_argument("--cluster", metavar="ADDRESS", help="grade each submission as a task on the Dask scheduler at "
                   "ADDRESS (tcp://127.0.0.1:PORT, or tls://HOST:PORT with grading.yml's cluster.tls), on Slurm "
                   "jobs (slurm: cluster.slurm) or on hosts over SSH (ssh: cluster.ssh); pip install "
                   "'dlgrader[cluster]'; workers must see the same paths")
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



def _prefix(text: str) -> str:
    """--roster-prefix: the form grading.yml's roster.prefix has."""
    try:
        return roster.check_prefix(text)
    except roster.RosterError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None



def main(argv: list[str] | None = None) -> int:
    stderr = sys.stderr
    sys.stderr = commands.CleanStream(stderr)
    try:
        return _main(argv)
    finally:
        sys.stderr = stderr


def _main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["audit"]:  # a submission folder named "audit" can still be graded as ./audit
        return commands.audit_main(argv[1:])
    if argv[:1] == ["gradescope-zip"]:
        return commands.gradescope_zip_main(argv[1:])
    if argv[:1] == ["similarity"]:  # a submission folder so named: ./similarity
        return commands.similarity_main(argv[1:])
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
        cfg, _ = commands.load_course(args, args.assignment)
        earlier = compare.load(Path(args.compare)) if args.compare else None
    except commands.CannotRun as exc:
        return commands.fail(str(exc))
    except compare.CompareError as exc:
        return commands.fail(f"--compare {exc}")
    similar = None
    if args.similarity:
        from grader.results import similarity as similarity_results

        if not REPORTERS[args.format].SHOWS_SIMILARITY:
            shown = " or ".join(f for f, r in REPORTERS.items() if r.SHOWS_SIMILARITY)
            return commands.fail(f"--similarity {args.similarity}: only --format {shown} shows it (the class report)")
        try:
            similar = similarity_results.load(Path(args.similarity))
        except similarity_results.SimilarityFileError as exc:
            return commands.fail(f"--similarity {exc}")
    try:
        class_roster = _roster(args, cfg)
    except commands.CannotRun as exc:
        return commands.fail(str(exc))
    store = None if args.no_cache else Cache(Path(args.cache_dir) if args.cache_dir else default_cache_dir())
    options = pipeline.Options(
        assignments=args.assignment, language=args.language, jobs=args.jobs, cache=store, force=args.force,
        batch=args.batch, roster=class_roster, at=args.at, times=args.times, extensions=args.extensions,
        offline=args.offline, earlier=(args.compare, earlier) if earlier is not None else None,
        warm_oracles=not args.cold_oracles, cluster=args.cluster, progress=_Progress(),
        say=lambda line: print(line, file=sys.stderr))
    try:
        with _stop_signals():
            run = pipeline.grade_class(args.paths, cfg, options)
    except pipeline.CannotGrade as exc:
        return commands.fail(str(exc))
    except KeyboardInterrupt as exc:
        signum = getattr(exc, "signum", None) or signal.SIGINT
        done, total = (exc.done, exc.total) if isinstance(exc, pipeline.Stopped) else (0, len(args.paths))
        print(f"grade: stopped by {signal.Signals(signum).name} after {done} of {total} "
              "submission(s); no report written (graded results stay in the cache: a rerun continues)",
              file=sys.stderr)
        return 128 + signum
    results, single = run.results, run.single
    buf = io.StringIO()
    try:
        salt = leaderboard.salt_for(REPORTERS[args.format], single, results)
        reporters.write(args.format, results, buf, reporters.ReportOptions(
            language=args.language or cfg.language, single=single, gradescope=cfg.gradescope, absent=run.absent,
            leaderboard_salt=salt, similarity=similar))
    except reporters.Refused as exc:
        if exc.withheld:  # Gradescope: no results.json rather than a grade that is not one
            print(f"grade: {exc}")
            print(f"grade: {exc}", file=sys.stderr)
            return EXIT_GRADER_PROBLEM
        kept = " (graded results stay in the cache: a rerun continues)" if store is not None else ""
        return commands.fail(f"{exc}; no report written{kept}")
    status = commands.emit(buf.getvalue(), args.output)
    if status == 0 and not args.no_plots:
        _write_plots(results, args.plots, args.output)
    if status == 0 and not all(r.final for r in results):
        print("grade: not final: the grader failed on some assignment(s), which have no score (see grader_errors); "
              "fix the machine and grade again (exit status 3)", file=sys.stderr)
        return EXIT_GRADER_PROBLEM
    return status


def _roster(args: argparse.Namespace, cfg: config.Config) -> roster.Roster | None:
    """The class roster: --roster, else grading.yml's ``roster: file``; checked against the format."""
    roster_file = Path(args.roster) if args.roster else cfg.root / cfg.roster.file if cfg.roster else None
    if REPORTERS[args.format].NEEDS_ROSTER and roster_file is None:
        raise commands.CannotRun(f"--format {args.format} needs a roster (--roster CSV, or grading.yml's roster: "
                                 "file): the LMS matches each row to a student by an ID only a roster gives")
    if args.roster_prefix and roster_file is None:
        raise commands.CannotRun("--roster-prefix needs a roster (--roster CSV, or grading.yml's roster: file)")
    if roster_file is None:
        return None
    try:
        named = cfg.roster or config.RosterSettings(file="")
        return roster.load(roster_file, **named.columns(), prefix=args.roster_prefix or named.prefix)
    except roster.RosterError as exc:
        raise commands.CannotRun(f"{'--roster' if args.roster else f'{cfg.path}: roster:'} {exc}") from None


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

    def __init__(self) -> None:
        self.quiet = True
        self.tty = sys.stderr.isatty()
        self.bar: Bar | None = None
        self.task: TaskID | None = None

    def start(self, total: int, single: bool) -> None:
        self.quiet = single
        if not self.quiet and self.tty:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self.bar = Progress("grading", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                transient=True, redirect_stdout=False)
            self.bar.start()
            self.task = self.bar.add_task("grading", total=total)

    def update(self, done: int, total: int, result: SubmissionResult) -> None:
        if self.quiet:
            return
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, completed=done)
        else:
            shown = "not final" if result.score is None else f"{result.score:g}/{result.max_score:g}"
            # One write per line: two grading threads may finish at once, and print() writes the
            # line and its newline apart (lines ran together in a CI log).
            sys.stderr.write(f"graded {done}/{total}: {result.submission} {shown}\n")
            sys.stderr.flush()

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


if __name__ == "__main__":
    raise SystemExit(main())

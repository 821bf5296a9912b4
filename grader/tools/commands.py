"""The staff subcommands of ``grade`` (``audit``, ``gradescope-zip``, ``similarity``) and what every
command shares with ``grade`` itself: the course options, loading the course, one-line errors
(exit 2) and writing a report atomically. ``grader/cli.py`` dispatches to them."""
from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path
from typing import TextIO

from grader import config, files
from grader.results import sanitize
from grader.run import batch, engine
from grader.sandbox.procs import protect_self


def course_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course", metavar="DIR", help="the course folder (grading.yml, tests/, reference/); default: "
                   f"${config.COURSE_ENV}, else the current folder or the nearest one above it with grading.yml")
    p.add_argument("--config", "-c", metavar="FILE", help="the grading.yml to use (its folder is the course)")




class CannotRun(Exception):
    """The grader cannot run; ``str()`` is the one-line reason (exit 2)."""


def load_course(args: argparse.Namespace,
                only: list[str] | None) -> tuple[config.Config, list[config.AssignmentConfig]]:
    """The course's grading.yml (:func:`grader.config.find`), validated against the hidden suites."""
    try:
        cfg = config.load(config.find(args.config, args.course))
        chosen = config.select(cfg, only)
        engine.check_points(cfg, chosen)
    except config.ConfigError as exc:
        raise CannotRun(str(exc)) from None
    except SyntaxError as exc:
        raise CannotRun(f"hidden test file {exc.filename} does not parse: {exc.msg} (line {exc.lineno})") from None
    return cfg, chosen


def emit(text: str, output: str | None) -> int:
    """Write the report to ``output`` atomically (a reader never sees half of it), or to stdout."""
    if not output:
        sys.stdout.write(text)
        return 0
    try:
        files.write_text(output, text)  # no half-written file beside the previous report
    except OSError as exc:
        return fail(f"{output}: cannot write report ({exc.strerror})")
    return 0


def fail(reason: str) -> int:
    print(f"grade: error: {reason}", file=sys.stderr)
    return 2



def build_audit_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="grade audit", description="Mutation analysis of the hidden suites: "
                                "mutate each reference solution and check that the suite fails every mutant.")
    p.add_argument("--assignment", "-a", action="append", metavar="ID", help="audit only this assignment (repeatable)")
    p.add_argument("--format", "-f", choices=["text", "json"], default="text")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of standard output")
    course_options(p)
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="mutants run at once (default: cores)")
    p.add_argument("--fail-under", type=float, metavar="PCT",
                   help="exit 1 when the overall kill rate (percent) is below this")
    return p


def audit_main(argv: list[str]) -> int:
    from grader.reporters import audit as audit_reporters
    from grader.tools import audit

    args = build_audit_parser().parse_args(argv)
    protect_self()
    try:
        cfg, chosen = load_course(args, args.assignment)
        audit.load_allowlist(cfg.root / "audit.yml")
    except CannotRun as exc:
        return fail(str(exc))
    except config.ConfigError as exc:
        return fail(str(exc))
    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if tty:
            print(f"\raudited {done}/{total} mutants", end="" if done < total else "\n", file=sys.stderr, flush=True)
        elif done == total or done % 25 == 0:
            print(f"audited {done}/{total} mutants", file=sys.stderr, flush=True)

    try:
        report = audit.run(cfg, chosen, jobs=args.jobs, progress=progress)
    except KeyboardInterrupt:
        return fail("interrupted; no report written")
    buf = io.StringIO()
    (audit_reporters.write_json if args.format == "json" else audit_reporters.write_text)(report, buf)
    status = emit(buf.getvalue(), args.output)
    if status == 0 and args.fail_under is not None and report.ratio * 100 < args.fail_under:
        print(f"grade audit: kill rate {report.ratio:.1%} is below --fail-under {args.fail_under:g}%", file=sys.stderr)
        return 1
    return status


def gradescope_zip_main(argv: list[str]) -> int:
    from grader import kits
    from grader.tools import gradescope_zip

    p = argparse.ArgumentParser(prog="grade gradescope-zip", description="Build the autograder zip for "
                                "Gradescope (setup.sh, run_autograder, the grader, hidden suites, references).")
    p.add_argument("-o", "--output", default="autograder.zip", metavar="FILE")
    course_options(p)
    args = p.parse_args(argv)
    try:
        cfg, _ = load_course(args, None)
        packaging = [kit.PACKAGING for kit in kits.of(cfg.assignments.values())]
        names = gradescope_zip.build(cfg.root, Path(args.output), packaging)
    except CannotRun as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"{args.output}: cannot write ({exc.strerror})")
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
    """``grade similarity CLASS``: pairs of students whose code for an assignment is alike (docs/term.md,
    "Similarity"). Exit 0 when the check ran, whatever it found; 2 when it cannot run."""
    from grader.reporters import similarity as similarity_reports
    from grader.tools import similarity

    p = argparse.ArgumentParser(prog="grade similarity", description="Compare the students' code per assignment "
                                "(copydetect's winnowing fingerprints), the stubs and grading.yml's similarity.base "
                                "ignored, and list the pairs at or above the threshold with their matching lines.")
    p.add_argument("path", metavar="CLASS", help="a class folder (one subfolder or .zip per student)")
    p.add_argument("--assignment", "-a", action="append", metavar="ID",
                   help="compare only this assignment (repeatable)")
    p.add_argument("--threshold", type=_fraction, metavar="X", help="show pairs where either student's share of "
                   "matching code is at least X, 0 to 1 (default: grading.yml's similarity.threshold, else 0.5)")
    p.add_argument("--format", "-f", choices=["text", "json"], default="text",
                   help="text (default), or json: what grade CLASS --format html --similarity FILE reads")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of standard output")
    course_options(p)
    p.add_argument("--language", choices=["ko", "en"], help="report language (default: grading.yml's)")
    args = p.parse_args(argv)
    try:
        cfg = config.load(config.find(args.config, args.course))
        chosen = config.select(cfg, args.assignment)
    except config.ConfigError as exc:
        return fail(str(exc))
    folder = Path(args.path)
    if not folder.is_dir():
        return fail(f"{folder}: expected a class folder (one subfolder or .zip per student)")
    found, skipped = batch.scan(folder)
    for name, why in skipped:
        print(f"grade: skipped {folder / name}: {why}", file=sys.stderr)
    if len(found) < 2:
        return fail(f"{folder}: {len(found)} submission(s) found; comparing needs at least two (one subfolder or "
                     ".zip per student)")
    language = args.language or cfg.language
    try:
        report = similarity.run(cfg, folder, chosen, language, args.threshold)
    except (similarity.MissingLibrary, similarity.SimilarityError) as exc:
        return fail(str(exc))
    buf = io.StringIO()
    if args.format == "json":
        similarity_reports.write_json(report, buf)
    else:
        similarity_reports.write_text(report, buf, language)
    status = emit(buf.getvalue(), args.output)
    if status == 0 and args.output:
        print(f"grade similarity: {len(report.pairs)} pair(s) at or above {report.threshold:g}; wrote {args.output}",
              file=sys.stderr)
    return status


class CleanStream(io.TextIOBase):
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

"""Whole-class grading: find the submissions in a class folder and grade them in parallel.

Each submission is graded by :func:`grader.run.engine.grade` exactly as when graded
alone (its own oracle process, its own sandboxed workers), so one student's
broken or hostile code cannot stop the run or change another student's row;
a submission the engine cannot even start on still gets a row, with every
assignment in ``error`` and the reason.
"""
from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from grader.config import Config, select
from grader.messages import Language
from grader.results import AssignmentResult, SubmissionResult, scoring
from grader.run import engine, warm
from grader.run.cache import Cache
from grader.run.cluster import Cluster, ClusterLost


def has_assignment_files(path: Path, cfg: Config) -> bool:
    for a in cfg.assignments.values():
        for rel in (a.id, "."):
            if any((path / rel / f).is_file() or (path / rel / f).with_suffix(".ipynb").is_file() for f in a.files):
                return True  # a notebook stands in for its .py (grader/submissions/notebooks.py)
    return False


def scan(path: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """A class folder's submissions (every subfolder and every .zip, sorted by name) and what was
    skipped, each with the reason: hidden entries (``.git``, ``.DS_Store``), macOS zip debris
    (``__MACOSX``), anything that is neither a folder nor a .zip. Nothing is left out silently."""
    found: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for p in sorted(path.iterdir(), key=lambda p: p.name):
        if p.name.startswith("."):
            skipped.append((p.name, "hidden (its name starts with '.')"))
        elif p.name == "__MACOSX":
            skipped.append((p.name, "macOS archive metadata"))
        elif p.is_symlink():
            skipped.append((p.name, "a symbolic link"))
        elif p.is_dir() or (p.is_file() and p.suffix.lower() == ".zip"):
            found.append(p)
        else:
            skipped.append((p.name, "not a folder or a .zip file"))
    return found, skipped


def members(path: Path) -> list[Path]:
    """The submissions in a class folder (see :func:`scan`)."""
    return scan(path)[0]


def is_class_folder(path: Path, cfg: Config) -> bool:
    """A folder that holds no assignment file itself but holds submissions (folders or zips)."""
    return path.is_dir() and not has_assignment_files(path, cfg) and bool(members(path))


@dataclass
class Summary:
    submissions: int
    from_cache: int
    complete: int  # every assignment graded
    with_missing: int
    with_errors: int
    seconds: float
    with_grader_errors: int = 0

    def line(self) -> str:
        text = (f"graded {self.submissions} submission(s) in {self.seconds:.1f} s "
                f"({self.from_cache} unchanged, from the cache): {self.complete} complete, "
                f"{self.with_missing} with missing assignments, {self.with_errors} with errors")
        if self.with_grader_errors:
            text += (f"; {self.with_grader_errors} hit a grader problem: those assignments have no score and "
                     "the grade is not final (see grader_errors in the JSON; not cached, so a rerun regrades them)")
        return text


def _error_result(shown: str, cfg: Config, only: list[str] | None, reason: str,
                  language: Language, grader_side: bool) -> SubmissionResult:
    """A row for a submission the engine could not grade at all: the student's error (a path that
    cannot be read), or the grader's (no score for any assignment, never a grade)."""
    rows = [AssignmentResult(id=a.id, title=a.title.render(language).splitlines()[0],
                             score=None if grader_side else 0.0, max_score=a.max_score,
                             status="grader_error" if grader_side else "error", message=reason)
            for a in select(cfg, only)]
    return scoring.total(shown, rows, 0.0, grader_errors=[reason] if grader_side else [])


def grade_many(paths: list[Path], cfg: Config, only: list[str] | None, language: Language, jobs: int,
               cache: Cache | None, force: bool = False,
               progress: Callable[[int, int, SubmissionResult], None] | None = None,
               shown: Callable[[Path], str] = str,
               only_each: list[list[str]] | None = None,
               hide_each: list[list[str]] | None = None,
               warm_oracles: bool = True, cluster: Cluster | None = None) -> tuple[list[SubmissionResult], Summary]:
    """Grade ``paths`` with ``jobs`` at a time; results in the order of ``paths``. ``only_each``: the
    assignments for each path, where they differ (one commit of a repository per deadline);
    ``hide_each``: folders each path's student code must not see besides the one holding it;
    ``warm_oracles``: give each job slot a warm oracle server (:mod:`grader.run.warm`) when there is
    more than one submission (for one, a cold oracle costs less than a server and its spare);
    ``cluster``: grade each submission as a task on a Dask cluster, as many at once as it has worker
    threads (:mod:`grader.run.cluster`); the cache, order and summary are the same."""
    started = time.monotonic()
    engine.allow_grading()
    if cluster is not None:
        jobs = cluster.slots()
    oracles = warm.Pool(engine.warm_spec(cfg), max(1, jobs)) \
        if warm_oracles and len(paths) > 1 and cluster is None else None
    results: list[SubmissionResult | None] = [None] * len(paths)
    cached = 0
    done = 0

    def one(i: int) -> None:
        nonlocal cached, done
        path = paths[i]
        only_i = only_each[i] if only_each is not None else only
        key = cache.key(path, cfg, only_i, language) if cache else None
        result = cache.get(key) if (cache and key and not force) else None
        if result is not None:
            cached += 1
            result = dataclasses.replace(result, submission=shown(path))
        else:
            hide = hide_each[i] if hide_each is not None else ()
            try:
                if cluster is not None:
                    result = cluster.grade(path, cfg, only_i, language, shown(path), hide)
                else:
                    result = engine.grade(path, cfg, only_i, language, shown_as=shown(path), hide_also=hide,
                                          oracles=oracles)
            except engine.Stopped:
                return  # grade is stopping: no row, nothing cached
            except ClusterLost:
                raise  # the whole run ends: no gradebook from a cluster that is gone
            except engine.UsageError as exc:
                result = _error_result(shown(path), cfg, only_i, str(exc), language, grader_side=False)
            except Exception as exc:  # noqa: BLE001 - one submission must never lose the others' rows
                result = _error_result(shown(path), cfg, only_i, f"internal grader error: {exc}", language,
                                       grader_side=True)
            else:
                if cache and key and not result.grader_errors:  # a grader problem is regraded next time
                    cache.put(key, result)
        results[i] = result
        done += 1
        if progress:
            progress(done, len(paths), result)

    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        for future in [pool.submit(one, i) for i in range(len(paths))]:
            future.result()
    except BaseException:
        # Stopped (a signal in the main thread, or a failure): end the running oracles at once rather
        # than wait for them, and start no more. Results already cached stay cached.
        engine.stop_all()
        if cluster is not None:
            cluster.stop()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        if oracles is not None:
            oracles.close()
    pool.shutdown(wait=True)
    final = [r for r in results if r is not None]
    return final, summarise(final, cached, time.monotonic() - started)


def summarise(final: list[SubmissionResult], cached: int, seconds: float) -> Summary:
    """The run's one-line summary counts."""
    return Summary(
        submissions=len(final), from_cache=cached,
        complete=sum(all(a.status == "graded" for a in r.assignments) for r in final),
        with_missing=sum(any(a.status == "missing" for a in r.assignments) for r in final),
        with_errors=sum(any(a.status == "error" for a in r.assignments) for r in final),
        seconds=seconds,
        with_grader_errors=sum(bool(r.grader_errors) for r in final))

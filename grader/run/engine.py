"""Grade one submission: unpack, copy, locate, run the trusted oracle, score.

The oracle is a separate ``python -I -m pytest`` process with its own empty
ini file, plugin autoloading off and ``PYTEST_*`` variables removed, so nothing
from the submission or the environment can configure it. It writes outcomes to
a file in the grader's private scratch folder; this module never reads anything
the student's process printed.
"""
from __future__ import annotations

import ast
import dataclasses
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from grader import kits
from grader.config import AssignmentConfig, Config, ConfigError, select
from grader.messages import Language, Message, msg
from grader.results import AssignmentResult, SubmissionResult, scoring
from grader.run import warm
from grader.sandbox import backend, uids
from grader.sandbox.procs import ONE_THREAD_ENV, wait_exit
from grader.submissions import discovery, notebooks


class UsageError(Exception):
    """The grader cannot run at all (bad path); ``str()`` is the one-line reason."""


def hidden_test_functions(a: AssignmentConfig) -> set[str]:
    """Test function names in an assignment's hidden suite, read statically (no import)."""
    names: set[str] = set()
    for path in sorted(a.tests_dir.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names.update(node.name for node in tree.body
                     if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_"))
    return names


def check_points(cfg: Config, assignments: list[AssignmentConfig]) -> None:
    """Refuse to grade when grading.yml's points and the hidden suites disagree."""
    problems: list[str] = []
    for a in assignments:
        problems += scoring.consistency_problems(a.id, a.tests, hidden_test_functions(a))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ConfigError(f"{cfg.path}: {problems[0]}{more}")


_ORACLE_ENV_KEEP = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ")


def _oracle_env(scratch: Path, cfg: Config, cluster: Mapping[str, Any] | None = None) -> dict[str, str]:
    """A whitelist, not a blacklist: no tokens or secrets, no ``PYTEST_*``, no ``PYTHON*``; plus the
    variables the kits' trusted processes read (``ORACLE_ENV``: where a data set is, which GPU),
    which student code never sees, and the cluster the submission is graded for (``cluster``, as
    JSON in ``kits.CLUSTER_ENV``). Its temporary files go into this submission's scratch folder,
    which the engine removes however the oracle ended."""
    keep = (*_ORACLE_ENV_KEEP, *kits.oracle_env_names(cfg.assignments.values()))
    env = {k: os.environ[k] for k in keep if k in os.environ}
    if cluster:
        env[kits.CLUSTER_ENV] = json.dumps(dict(cluster), sort_keys=True)
    env["TMPDIR"] = str(scratch)
    env.update(ONE_THREAD_ENV)  # see grader/sandbox/procs.py
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


class Stopped(Exception):
    """``grade`` is stopping (a signal): the oracle was ended on purpose, so there is no result."""


class _ColdOracle:
    """A cold oracle's ``Popen`` with the interface of a warm one (:class:`grader.run.warm.OracleProcess`):
    ``pid``, ``ended(timeout)``, ``reap()``, so the engine waits for and kills both alike."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc, self.pid = proc, proc.pid

    def ended(self, timeout: float) -> bool:
        return wait_exit(self.proc, timeout)

    def reap(self) -> int:
        return int(self.proc.wait())


_RUNNING: set[_ColdOracle | warm.OracleProcess] = set()
_RUNNING_LOCK = threading.Lock()
_STOPPING = threading.Event()


def stop_all(grace: float = 3.0) -> None:
    """End every running oracle (and so its sandbox and trainer) and refuse to start new ones.

    SIGTERM first: the oracle kills its zygote and trainer and sweeps its uid (:mod:`grader.oracle.plugin`);
    whatever has not ended after ``grace`` seconds gets SIGKILL, and the death signals of its
    children (:mod:`grader.sandbox._isolate`) take the rest down.
    """
    _STOPPING.set()
    with _RUNNING_LOCK:
        procs = list(_RUNNING)
    for p in procs:
        _signal_group(p, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for p in procs:
        if not p.ended(max(0.0, deadline - time.monotonic())):
            _signal_group(p, signal.SIGKILL)


def stopping() -> bool:
    """Whether :func:`stop_all` was called (and :func:`allow_grading` not since)."""
    return _STOPPING.is_set()


def allow_grading() -> None:
    """Undo :func:`stop_all` for a new run in the same process (a caller that handled the stop)."""
    _STOPPING.clear()


def _signal_group(proc: _ColdOracle | warm.OracleProcess, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def oracle_command(cfg: Config, assignments: list[AssignmentConfig], target: Path, scratch: Path,
                   language: Language, hide: list[str], extra: list[str] | tuple[str, ...] = (),
                   uid: int | None = None, parent: int | None = None) -> list[str]:
    """The oracle's command line. Everything that names a path goes into an argument file in the
    grader's private scratch folder (pytest reads ``@file``): a process's command line is readable
    by every user, and without namespaces a student's worker could read the course folder's path there."""
    ini = scratch / "oracle.ini"
    ini.write_text("[pytest]\n", encoding="utf-8")
    args = ["-c", str(ini), "--rootdir", str(cfg.root), "-q", "--no-header", "-rN",
            # Students read the plugin's messages, not pytest's; pytest's rich tracebacks cost
            # 60 ms per failed test, plain Python ones (kept in the oracle's log) almost nothing.
            "--tb=native",
            # Test modules by their path, not their file name: two assignments may each have a
            # test_hidden_layers.py (prepend mode would refuse the second as an "import file mismatch").
            "--import-mode=importlib",
            "--grader-config", str(cfg.path), "--grader-root", str(cfg.root), "--grader-target", str(target),
            "--grader-results", str(scratch / "outcomes.json"), "--grader-language", language,
            "--grader-parent", str(os.getpid() if parent is None else parent)]
    how = backend.mode(cfg.sandbox_namespaces)
    if not how.namespaces:
        args += ["--grader-sandbox-mode", "uid", "--grader-workroot", str(how.workroot)]
    if uid is not None:
        args += ["--grader-uid", str(uid)]
    for h in hide:
        args += ["--grader-hide", h]
    args += list(extra)
    args += [str(a.tests_dir) for a in assignments]
    argfile = scratch / "oracle.args"
    argfile.write_text("\n".join(args) + "\n", encoding="utf-8")
    return [sys.executable, "-I", "-m", "pytest", "-p", "grader.oracle.plugin", "-p", "no:cacheprovider", f"@{argfile}"]


def warm_spec(cfg: Config) -> warm.Spec:
    """What a class run's warm oracles prepare their sandbox with, as a cold oracle's plugin would."""
    return warm.Spec(kits.worker_env(cfg.assignments.values()), kits.worker_ops_modules())


def run_oracle(cfg: Config, assignments: list[AssignmentConfig], target: Path, scratch: Path,
               language: Language, hide: list[str], extra: list[str] | tuple[str, ...] = (),
               oracles: warm.Pool | None = None, cluster: Mapping[str, Any] | None = None) -> dict:
    """Run the hidden suites against ``target``; return the plugin's outcome file (or raise).
    ``oracles``: a class run's warm oracles (:mod:`grader.run.warm`); without, a cold oracle process.
    ``cluster``: told to the oracle's kits (``kits.CLUSTER_ENV``), see :func:`grade`.

    As root the submission gets a uid of its own for the oracle's whole life (:mod:`grader.sandbox.uids`),
    swept when the oracle has ended, however it ended.
    """
    if _STOPPING.is_set():
        raise Stopped()
    lease = uids.acquire(*cfg.sandbox_uids) if os.geteuid() == 0 else None
    try:
        sandbox = backend.mode(cfg.sandbox_namespaces)
        if lease is not None and not sandbox.namespaces:
            backend.hide(sandbox, cfg.private_paths(), [Path(h) for h in hide], lease.uid)
        results = scratch / "outcomes.json"
        log = scratch / "oracle.log"
        # A kit's trusted work (a training run) happens outside the worker's time limit: add its budget.
        budget = sum(a.time_limit + kits.extra_seconds(a) for a in assignments) + 60
        if oracles is not None:
            with oracles.server() as server:
                cmd = oracle_command(cfg, assignments, target, scratch, language, hide, extra,
                                     lease.uid if lease else None, parent=server.pid)
                proc: _ColdOracle | warm.OracleProcess = server.launch(
                    cmd[cmd.index("pytest") + 1:], _oracle_env(scratch, cfg, cluster), str(cfg.root), str(log))
                finished = _wait_oracle(proc, budget)
        else:
            cmd = oracle_command(cfg, assignments, target, scratch, language, hide, extra,
                                 lease.uid if lease else None)
            with open(log, "wb") as out:
                proc = _ColdOracle(subprocess.Popen(cmd, cwd=str(cfg.root), env=_oracle_env(scratch, cfg, cluster),
                                                    stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                                    start_new_session=True))
                finished = _wait_oracle(proc, budget)
        if _STOPPING.is_set():
            raise Stopped()
        if not finished:
            raise RuntimeError(f"the oracle did not finish within {budget:g} s")
        if not results.is_file():
            tail = log.read_text(encoding="utf-8", errors="replace")[-1500:] if log.is_file() else ""
            code = proc.reap()
            how = f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit {code}"
            raise RuntimeError(f"the oracle wrote no results ({how}):\n{tail}")
        return json.loads(results.read_text(encoding="utf-8"))
    finally:
        if lease is not None:
            lease.release()


def _wait_oracle(proc: _ColdOracle | warm.OracleProcess, budget: float) -> bool:
    """Wait for the oracle up to ``budget`` s, killing its process group past it; whether it finished.
    Registered for :func:`stop_all` meanwhile; reaped before it returns."""
    with _RUNNING_LOCK:
        _RUNNING.add(proc)
    try:
        finished = proc.ended(budget)
        if not finished:
            _signal_group(proc, signal.SIGKILL)
        proc.reap()
        return finished
    finally:
        with _RUNNING_LOCK:
            _RUNNING.discard(proc)


def _error(a: AssignmentConfig, text: str, language: Language) -> AssignmentResult:
    return AssignmentResult(id=a.id, title=a.title.render(language).splitlines()[0], score=0.0,
                            max_score=a.max_score, status="error", message=text)


def grade(path: Path, cfg: Config, only: list[str] | None = None, language: Language | None = None,
          shown_as: str | None = None, hide_also: list[str] | tuple[str, ...] = (),
          oracles: warm.Pool | None = None, cluster: Mapping[str, Any] | None = None) -> SubmissionResult:
    """Grade the submission at ``path`` (a folder or a .zip). Never raises for student problems.
    ``hide_also``: folders the student's code must not see beyond the one holding ``path`` (for one
    commit's tree, exported elsewhere: the class folder the repository came from); ``oracles``: a
    class run's warm oracles (a cold oracle process without); ``cluster``: the Dask scheduler this
    submission is graded for, which a kit's trusted work may be sent to (``kits.CLUSTER_ENV``)."""
    started = time.monotonic()
    lang: Language = language or cfg.language
    assignments = select(cfg, only)
    shown = shown_as or str(path)
    if not path.exists():
        raise UsageError(f"{path}: no such file or folder")
    if not (path.is_dir() or (path.is_file() and path.suffix.lower() == ".zip")):
        raise UsageError(f"{path}: expected a submission folder or a .zip file")
    title = lambda a: a.title.render(lang).splitlines()[0]  # noqa: E731
    with tempfile.TemporaryDirectory(prefix="dlgrader-") as tmp:
        scratch = Path(tmp)
        os.chmod(scratch, 0o700)
        def skipped_note(skipped: list[str]) -> list[str]:
            return [msg(f"{path.name}에서 풀지 않은 항목: {'; '.join(skipped[:10])}",
                        f"entries of {path.name} not extracted: {'; '.join(skipped[:10])}").render(lang)
                    ] if skipped else []

        try:
            copy, report, skipped = discovery.unpack(path, scratch)
        except discovery.SubmissionError as exc:
            m = discovery.unreadable(exc).render(lang)
            return scoring.total(shown, [_error(a, m, lang) for a in assignments], time.monotonic() - started,
                                 notes=skipped_note(exc.skipped))
        notes = skipped_note(skipped)
        # Notebooks (X.ipynb standing in for X.py) become .py files in the copy before anything looks.
        nb_notes: dict[str, list[Message]] = {}
        nb_errors: dict[str, Message] = {}
        for a in assignments:
            nb_notes[a.id], error = notebooks.materialize(copy, a.files, (a.id, "."), a.notebook_run_all)
            if error is not None:
                nb_errors[a.id] = error
        located: dict[str, discovery.Location | discovery.Missing] = {
            a.id: discovery.locate(copy, a, report, shown) for a in assignments}
        present = [a for a in assignments if isinstance(located[a.id], discovery.Location)
                   and a.id not in nb_errors]
        # A kit that cannot grade here (its library or data set missing) makes its assignment a grader
        # problem before any test runs: the student's import of a missing library must not look like
        # the student's mistake.
        blocked = {a.id: reason for a in present if (reason := kits.unavailable(a))}
        present = [a for a in present if a.id not in blocked]
        outcome_file: dict = {}
        failure = ""
        if present:
            hide = [str(path.resolve().parent), *hide_also]
            try:
                outcome_file = run_oracle(cfg, present, copy, scratch, lang, hide, oracles=oracles, cluster=cluster)
            except (RuntimeError, OSError, ValueError) as exc:
                failure = msg(f"채점기 내부 오류: {exc}", f"internal grader error: {exc}").render(lang)
    outcomes = [scoring.Outcome(**o) for o in outcome_file.get("outcomes", [])]
    problems = _grader_problems(cfg, present, failure, outcome_file.get("collect_errors", []), outcomes)
    problems.update({aid: [reason] for aid, reason in blocked.items()})
    struck = msg("채점기 문제 (과제의 메시지 참조)", "grader problem (see the assignment's message)").render(lang)
    outcomes = [dataclasses.replace(o, output=struck) if o.grader_fault else o for o in outcomes]
    results: list[AssignmentResult] = []
    for a in assignments:
        loc = located[a.id]
        if a.id in nb_errors:
            results.append(_error(a, nb_errors[a.id].render(lang), lang))
        elif isinstance(loc, discovery.Missing):
            results.append(AssignmentResult(id=a.id, title=title(a), score=0.0, max_score=a.max_score,
                                            status="missing", message=loc.message.render(lang)))
        else:
            mine = [o for o in outcomes if o.assignment == a.id]
            result = scoring.score_assignment(a.id, title(a), a.tests, mine)
            nb = "\n".join(n.render(lang) for n in nb_notes.get(a.id, []))
            result = dataclasses.replace(result, message=nb)
            if a.id in problems:
                result = scoring.withhold(result, _withheld_message(problems[a.id], lang))
            results.append(result)
    grader_errors = [f"{aid}: {p}" for aid, ps in problems.items() for p in ps]
    return scoring.total(shown, results, time.monotonic() - started, outcome_file.get("sandbox"), grader_errors,
                         notes)


def _grader_problems(cfg: Config, present: list[AssignmentConfig], failure: str, collect_errors: list[dict],
                     outcomes: list[scoring.Outcome]) -> dict[str, list[str]]:
    """What went wrong on the grader's side, per assignment: the oracle failing (every assignment it
    ran), a hidden suite that did not load (its assignment), a test that ended for the grader's
    reasons (its assignment). Each is a reason to give that assignment no score."""
    problems: dict[str, list[str]] = {}
    if failure:
        for a in present:
            problems.setdefault(a.id, []).append(failure)
    for err in collect_errors:
        path = (cfg.root / err.get("nodeid", "")).resolve()
        owners = [a.id for a in present if a.tests_dir == path or a.tests_dir in path.parents] or \
            [a.id for a in present]
        for aid in owners:
            problems.setdefault(aid, []).append(f"hidden suite failed to load: {err.get('text', '')[:300]}")
    for o in outcomes:
        if o.grader_fault:
            problems.setdefault(o.assignment, []).append(f"{o.nodeid.split('::')[-1]}: {o.grader_fault[:300]}")
    return problems


def _withheld_message(problems: list[str], lang: Language) -> str:
    """One message for the assignment, however many tests the problem struck."""
    first = problems[0].strip().splitlines()[0][:400] if problems[0].strip() else "?"
    more = f" (+{len(problems) - 1})" if len(problems) > 1 else ""
    return msg("채점기 문제로 이 과제는 점수를 매기지 않았습니다 "
               f"(학생의 잘못이 아님, 다시 채점하면 점수가 매겨짐): {first}{more}",
               f"grader problem: this assignment has no score (not the student's doing; a rerun grades it): "
               f"{first}{more}").render(lang)

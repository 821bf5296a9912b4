"""The pytest plugin that runs in the trusted oracle process.

It provides the ``submission`` fixture (a proxy to the sandboxed worker for the
assignment a test belongs to), classifies each test's outcome, and, when the
engine passes ``--grader-results``, writes the outcomes to that file for
scoring. No student code ever runs in this process.

Without ``--grader-target`` the target is ``reference/`` next to grading.yml:
that is how ``pytest`` from the repository root proves the hidden suites pass
on the reference solutions (through the same sandbox students get).
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Generator
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import pytest

from grader import PACKAGE_DIR, files, kits
from grader import config as config_mod
from grader.checks import Fail, Partial
from grader.config import AssignmentConfig, Config
from grader.messages import Language, Message, msg
from grader.oracle.references import References
from grader.results import TestStatus
from grader.results.scoring import Outcome
from grader.sandbox import backend
from grader.sandbox.backend import SandboxBackend, SandboxWorker, SubmissionAPI, WorkerSpec
from grader.sandbox.procs import become_subreaper, name_self, protect_self
from grader.sandbox.proxy import MachineFault, SandboxError, WorkerStartFailed
from grader.sandbox.zygote import Limits, Policy
from grader.sandbox.zygote_backend import ZygoteBackend
from grader.submissions import discovery

if TYPE_CHECKING:
    from grader.sandbox.uids import Lease

STATE = pytest.StashKey["GraderState"]()
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x08\x0b-\x1f\x7f]")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("grader", "dlgrader oracle options")
    group.addoption("--grader-config", default=None, help="grading.yml (default: <rootdir>/grading.yml)")
    group.addoption("--grader-root", default=None, help="folder holding tests/ and reference/ "
                    "(default: grading.yml's folder)")
    group.addoption("--grader-target", default=None, help="submission folder to test (default: reference/)")
    group.addoption("--grader-results", default=None, help="write outcomes as JSON here (engine use)")
    group.addoption("--grader-hide", action="append", default=[], help="extra path the worker must not see")
    group.addoption("--grader-language", default=None, choices=["ko", "en"])
    group.addoption("--grader-parent", type=int, default=None,
                    help="pid of the grade process: the oracle ends (and ends its sandbox) when it does")
    group.addoption("--grader-uid", type=int, default=None,
                    help="the submission's leased sandbox uid (engine use; as root)")
    group.addoption("--grader-sandbox-mode", choices=["namespaces", "uid"], default=None,
                    help="uid: as root without namespaces (permissions hide the course; engine use)")
    group.addoption("--grader-workroot", default=None,
                    help="where the workers' copies go (engine use: without namespaces, a folder others may "
                         "traverse but not list)")
    group.addoption("--grader-inprocess", action="store_true", default=False,
                    help="UNSAFE baseline for benchmarks: import the target's modules into this process "
                         "instead of the sandboxed worker (benchmarks/inprocess.py, loaded from the checkout "
                         "only then). Never use it on student code.")


def hidden_paths(cfg: Config, extra: list[str]) -> tuple[str, ...]:
    """What the worker must not see: the course folder (hidden suites, references, grading.yml, its
    git history), what the kits keep private (every place a data set may be read from, so no test
    image can be looked up), and ``extra`` (the folder holding the submission, i.e. the other students')."""
    datasets = [str(p) for p in kits.private_paths(cfg.assignments.values())]
    course = [cfg.root, cfg.reference_dir, cfg.path, *(a.tests_dir for a in cfg.assignments.values())]
    return tuple(dict.fromkeys([*(str(Path(p).resolve()) for p in course), *datasets, *extra]))


class GraderState:
    def __init__(self, cfg: Config, target: Path, language: Language, results: str | None, hide: list[str],
                 uid: int | None = None, namespaces: bool | None = None, workroot: str | None = None,
                 sandbox: SandboxBackend | None = None) -> None:
        self.cfg, self.target, self.language, self.results = cfg, target, language, results
        self.hide = hidden_paths(cfg, hide)
        self.uid = uid
        if namespaces is None:  # not told by the engine (pytest from the course root): decide as it would
            how = backend.mode(cfg.sandbox_namespaces)
            namespaces, workroot = how.namespaces, workroot or how.workroot
        self.namespaces = namespaces
        self.lease: Lease | None = None  # a uid leased by this process itself (suite mode, as root)
        self.scratch = tempfile.mkdtemp(prefix="dlgrader-oracle-")
        self.workroot = workroot or self.scratch  # without namespaces: backend.mode's workroot
        # Where student code runs: the only way this process reaches it.
        self.backend: SandboxBackend = sandbox or ZygoteBackend(
            self.scratch, kits.worker_env(cfg.assignments.values()), kits.worker_ops_modules())
        report = discovery.CopyReport()
        self.paths: dict[str, str] = {}
        for a in cfg.assignments.values():
            loc = discovery.locate(target, a, report, str(target))
            if isinstance(loc, discovery.Location):
                self.paths[a.id] = loc.relative_dir
        self.workers: dict[str, SandboxWorker] = {}
        self.outcomes: list[Outcome] = []
        self.collected: dict[str, set[str]] = {}
        self.sandbox_info: dict = {}
        self.current: str | None = None
        self.warm: dict[tuple[str, str], Any] = {}
        self.references = References({})
        self.noise = kits.output_noise(cfg.assignments.values())

    def prestart(self, ids: list[str]) -> None:
        for aid in ids:
            self._worker(self.cfg.assignments[aid]).prestart()

    def warm_up(self, a: AssignmentConfig, hooks: list[Any]) -> None:
        """Run an assignment's ``grader_warm_up`` hooks now, so slow work overlaps other tests."""
        for hook in hooks:
            key = (a.id, hook.__module__)
            if key not in self.warm:
                try:
                    with self.references.of(a.id):
                        self.warm[key] = hook(self._worker(a).submission(), a.settings())
                except Exception as exc:  # noqa: BLE001 - reported by the test that uses it
                    self.warm[key] = exc

    def assignment_of(self, path: Path) -> AssignmentConfig | None:
        for a in self.cfg.assignments.values():
            if a.tests_dir == path or a.tests_dir in path.parents:
                return a
        return None

    def worker_for(self, a: AssignmentConfig) -> SandboxWorker:
        if self.current not in (None, a.id) and self.current in self.workers:
            self.workers.pop(self.current).close()  # tests come grouped by assignment: that one is done
        self.current = a.id
        return self._worker(a)

    def _worker(self, a: AssignmentConfig) -> SandboxWorker:
        if a.id not in self.workers:
            mine = self.paths.get(a.id, ".")
            others = [p for k, p in self.paths.items() if k != a.id and p != mine]
            policy = Policy(limits=Limits(memory_mb=a.memory_mb, cpu_seconds=int(a.time_limit) + 1,
                                          output_kb=a.output_kb),
                            uid=self.uid, hide=self.hide, keep=(str(PACKAGE_DIR),),
                            namespaces=self.namespaces, disk_mb=a.disk_mb)
            spec = WorkerSpec(source=str(self.target), paths=(mine, *dict.fromkeys(others)), policy=policy,
                              call_timeout=a.call_timeout, time_limit=a.time_limit, scratch=self.workroot)
            self.workers[a.id] = self.backend.worker(spec)
        return self.workers[a.id]

    def close(self) -> None:
        for value in self.warm.values():
            if callable(getattr(value, "close", None)):
                value.close()  # e.g. a06's Lab: its trainer process
        self.warm.clear()
        for w in self.workers.values():
            if w.info:
                self.sandbox_info = w.info
            w.close()
        self.workers.clear()
        self.backend.close()
        if self.lease is not None:
            self.lease.release()
            self.lease = None
        shutil.rmtree(self.scratch, ignore_errors=True)

    def emergency_stop(self) -> None:
        """End everything this oracle started, now (``grade`` stopped or died): the zygote's and the
        trainers' process groups (their children die with them), then whatever still runs as the
        submission's uid (without namespaces a student's process can leave its process tree)."""
        self.backend.kill()
        shutil.rmtree(self.scratch, ignore_errors=True)


def pytest_configure(config: pytest.Config) -> None:
    cfg_path = config.getoption("--grader-config") or str(Path(str(config.rootpath)) / "grading.yml")
    if not Path(cfg_path).is_file():
        return  # not a grader run (e.g. pytest on an unrelated folder)
    # In a grading run the engine validated this file a moment ago.
    cfg = config_mod.load(cfg_path, config.getoption("--grader-root"),
                          validate=not config.getoption("--grader-results"))
    target = Path(config.getoption("--grader-target") or cfg.reference_dir).resolve()
    language = config.getoption("--grader-language") or cfg.language
    results = config.getoption("--grader-results")
    if results:  # a grading run: end with grade, whatever ends grade, and never grow past the memory limit
        name_self("dlgrader-oracle")
        _follow_parent(config.getoption("--grader-parent"))
        _limit_memory(cfg.oracle_memory_mb)
    mode = config.getoption("--grader-sandbox-mode")
    state = GraderState(cfg, target, language, results, config.getoption("--grader-hide"),
                        config.getoption("--grader-uid"), None if mode is None else mode == "namespaces",
                        config.getoption("--grader-workroot"),
                        _inprocess_backend() if config.getoption("--grader-inprocess") else None)
    if state.uid is None and os.geteuid() == 0 and not config.getoption("--grader-inprocess"):
        from grader.sandbox import uids  # suite mode (pytest from the course root) as root: lease a uid here

        state.lease = uids.acquire(*cfg.sandbox_uids)
        state.uid = state.lease.uid
    config.stash[STATE] = state
    if results:
        def stop(signum: int, frame: Any) -> None:
            state.emergency_stop()
            os._exit(128 + signum)

        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(sig, stop)
    # Hidden tests import their reference modules by plain name (import layers as ref): each
    # assignment's own, never another's (grader/oracle/references.py).
    state.references = References({a.id: cfg.reference_dir / a.id for a in cfg.assignments.values()})
    become_subreaper()
    if state.results:  # a grading run (not the developer's pytest): shield the oracle too
        protect_self()
        if not config.getoption("--grader-inprocess"):
            # Launch the fork server now: its numpy import overlaps with pytest's collection.
            state.backend.start()


def _inprocess_backend() -> SandboxBackend:
    """``--grader-inprocess``: the benchmark's UNSAFE baseline, loaded from the checkout's ``benchmarks/``
    only when asked; the oracle itself holds no code that runs the target in this process."""
    import importlib.util

    path = PACKAGE_DIR.parent / "benchmarks" / "inprocess.py"
    spec = importlib.util.spec_from_file_location("dlgrader_benchmarks_inprocess", path)
    if not path.is_file() or spec is None or spec.loader is None:
        raise pytest.UsageError(f"--grader-inprocess is a benchmark of a checkout: {path} is not there")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.InProcessBackend()


def _follow_parent(parent: int | None) -> None:
    """SIGTERM (handled: :meth:`GraderState.emergency_stop`) when the ``grade`` process dies, even by
    SIGKILL; and if it already has, stop now."""
    if parent is None:
        return
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


def _limit_memory(megabytes: int) -> None:
    """An address-space limit for the oracle (soft only: the trainer it starts raises its own)."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = megabytes * 2**20
    if hard == resource.RLIM_INFINITY or limit < hard:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _state(config: pytest.Config) -> GraderState | None:
    return config.stash.get(STATE, None)


@pytest.fixture
def submission(request: pytest.FixtureRequest) -> SubmissionAPI:
    """The student's modules, reached through the sandboxed worker: ``submission.activations.sigmoid(x)``."""
    state = _state(request.config)
    if state is None:
        pytest.fail("the submission fixture needs grading.yml (run from the grader's root)")
    a = state.assignment_of(Path(str(request.node.path)))
    if a is None:
        pytest.fail(f"{request.node.nodeid} is not inside any assignment's tests_dir")
    return state.worker_for(a).submission()


@pytest.fixture
def warm_up(request: pytest.FixtureRequest, submission: SubmissionAPI) -> Any:
    """What the test module's ``grader_warm_up(submission)`` returned, shared by its tests.

    In a grading run the hook already ran right after the workers started, so its
    slow part (e.g. a training run started with ``numpy_nets.sgd_start``) overlapped
    with other assignments' tests; anywhere else it runs now. An exception it raised
    is raised here, in the test that needs its result. A result with a ``close()``
    method (a06's trainer process) is closed when the session ends.
    """
    state = _state(request.config)
    hook = getattr(request.module, "grader_warm_up", None)
    a = state.assignment_of(Path(str(request.node.path))) if state else None
    if state is None or hook is None or a is None:
        pytest.fail(f"{request.module.__name__} defines no grader_warm_up(submission, params)")
    key = (a.id, request.module.__name__)
    value = state.warm.get(key)
    worker = state.workers.get(a.id)
    if value is None or (worker is not None and worker.outlived(value)):
        value = hook(submission, a.settings())  # not started early, or its worker was restarted since
        state.warm[key] = value  # later tests of the module share it (a06's one trained model)
    if isinstance(value, Exception):
        raise value
    return value


@pytest.fixture
def grading_params(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The assignment's ``params`` from grading.yml (thresholds a TA may tune without touching tests),
    and its ``training`` settings when it has them."""
    state = _state(request.config)
    a = state.assignment_of(Path(str(request.node.path))) if state else None
    if a is None:
        pytest.fail("grading_params needs a test inside an assignment's tests_dir")
    return a.settings()


class Feedback:
    """What a test adds to its result besides pass/fail: notes shown whatever the outcome (the
    accuracy a model reached) and structured data for reporters (per-epoch history for plots)."""

    def __init__(self) -> None:
        self.notes: list[Message] = []
        self.data: dict[str, Any] = {}

    def note(self, message: Message) -> None:
        self.notes.append(message)

    def record(self, **data: Any) -> None:
        self.data.update(data)


@pytest.fixture
def feedback(request: pytest.FixtureRequest) -> Feedback:
    fb = Feedback()
    request.node.stash[_FEEDBACK] = fb
    return fb


def _assignment_id(config: pytest.Config, path: Any) -> str | None:
    state = _state(config)
    a = state.assignment_of(Path(str(path))) if state is not None else None
    return a.id if a is not None else None


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Any:
    """A hidden test module is imported with its own assignment's reference modules in view."""
    aid = _assignment_id(collector.config, collector.path) if isinstance(collector, pytest.Module) else None
    state = _state(collector.config)
    with state.references.of(aid) if state is not None and aid else contextlib.nullcontext():
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    """And its tests run (set-up, call, tear-down) with the same view."""
    aid = _assignment_id(item.config, item.path)
    state = _state(item.config)
    with state.references.of(aid) if state is not None and aid else contextlib.nullcontext():
        return (yield)


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    state = _state(config)
    if state is None:
        return
    for item in items:
        a = state.assignment_of(Path(str(item.path)))
        if a is not None:
            state.collected.setdefault(a.id, set()).add(getattr(item, "originalname", item.name))
    if state.results and not config.getoption("--grader-inprocess"):
        # Grading run: start every assignment's worker now, in parallel with collection's tail
        # and with each other, instead of one after another as the tests reach them; then let
        # test modules start slow work (a training run) on those idle workers.
        state.prestart(list(state.collected))
        for module in dict.fromkeys(getattr(item, "module", None) for item in items):
            hook = getattr(module, "grader_warm_up", None)  # (submission, params) -> anything
            a = state.assignment_of(Path(str(module.__file__))) if hook and module else None
            if a is not None:
                state.warm_up(a, [hook])


def display_name(item: pytest.Item, language: Language) -> str:
    """Docstring line 1 is Korean, line 2 English; parametrize ids are appended."""
    doc = (getattr(item, "function", None).__doc__ or "") if hasattr(item, "function") else ""
    lines = [ln.strip() for ln in doc.strip().splitlines() if ln.strip()]
    base = getattr(item, "originalname", item.name)
    if lines:
        base = lines[1] if language == "en" and len(lines) > 1 else lines[0]
    params = item.name[len(getattr(item, "originalname", item.name)):]
    return base + params


def _grader_fault(exc: BaseException) -> bool:
    """Whether a test ended for the grader's reasons: not a check that failed, not the student's
    code (which reaches the oracle as a SandboxError), but the test's own code or the machine."""
    return isinstance(exc, (WorkerStartFailed, MachineFault)) or \
        not isinstance(exc, (Fail, SandboxError, AssertionError))


class _RecordText(TypedDict):
    status: TestStatus
    text: str  # student-facing


class _Record(_RecordText, total=False):
    """What a test's phases leave for its outcome (``_RECORD``), read at teardown."""

    fault: str  # the text again when the grader, not the student, is to blame
    fraction: float  # a Partial's credit


def _failure_record(excinfo: pytest.ExceptionInfo[BaseException] | None, language: Language) -> _Record:
    """A failed phase's record: status, the student-facing text, and that text again as ``fault``
    when the grader, not the student, is to blame (empty otherwise)."""
    if excinfo is None:
        return {"status": "error", "text": "setup failed", "fault": "setup failed"}
    status, text = _classify(excinfo, language)
    record: _Record = {"status": status, "text": text, "fault": text if _grader_fault(excinfo.value) else ""}
    if isinstance(excinfo.value, Partial):
        record["fraction"] = excinfo.value.fraction
    return record


def _classify(excinfo: pytest.ExceptionInfo[BaseException], language: Language) -> tuple[TestStatus, str]:
    exc = excinfo.value
    if isinstance(exc, Fail):
        return "failed", exc.message.render(language)  # (a Partial's fraction is read by the caller)
    if isinstance(exc, SandboxError):
        text = exc.message.render(language)
        if exc.detail and getattr(exc, "kind", "") not in ("not_implemented", "exit"):
            text += "\n" + exc.detail
        return exc.status, text
    if isinstance(exc, AssertionError):
        return "failed", str(exc) or "assertion failed"
    if isinstance(exc, pytest.fail.Exception):
        return "error", str(exc)
    m = msg(f"채점기가 결과를 확인하지 못했습니다: {type(exc).__name__}: {exc}",
            f"the grader could not check the result: {type(exc).__name__}: {exc}")
    return "error", m.render(language)[:2000]


# A warning a library (not the student's file) printed: "<absolute path>.py:<line>: SomeWarning: ...",
# usually followed by the indented source line. Shown under a failing test, left out under a passing one.
_LIBRARY_WARNING = re.compile(r"^/\S+\.py:\d+: \w*Warning: ")


def _without_library_warnings(text: str) -> str:
    out: list[str] = []
    skip_source = False
    for line in text.splitlines():
        if _LIBRARY_WARNING.match(line):
            skip_source = True
            continue
        if skip_source and line.startswith("  "):
            skip_source = False
            continue
        skip_source = False
        out.append(line)
    return "\n".join(out)


def _sanitize_output(text: str, dropped: int, language: Language, noise: list[re.Pattern[str]] | None = None) -> str:
    """Student output, shown indented so it can never start a line (no fake ``::notice``); lines a
    kit's library prints that are not the student's (``noise``, the kits' ``OUTPUT_NOISE``) left out."""
    text = "\n".join(ln for ln in _ANSI.sub("", text).splitlines() if not any(p.match(ln) for p in noise or ()))
    if not text.strip() and not dropped:
        return ""
    lines = text.splitlines()[:40]
    head = Message("--- 학생 코드의 출력 ---", "--- output of your code ---").render(language).replace("\n", " ")
    body = "\n".join("  | " + ln[:300] for ln in lines)
    more = ""
    if dropped or len(text.splitlines()) > 40:
        dropped_note = Message(f"... (출력이 너무 길어 {dropped} 바이트 이상 생략)",
                               f"... (output truncated, {dropped}+ bytes dropped)")
        more = "\n  | " + dropped_note.render(language).replace("\n", " ")
    return f"{head}\n{body}{more}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Generator[None, Any, None]:
    outcome = yield
    report = outcome.get_result()
    state = _state(item.config)
    if state is None:
        return
    a = state.assignment_of(Path(str(item.path)))
    if a is None:
        return
    if report.when == "setup" and report.failed:
        setup = _failure_record(call.excinfo, state.language)
        setup.pop("fraction", None)
        if setup["status"] == "failed":
            setup["status"] = "error"  # a check failing in a fixture: the test could not run
        item.stash[_RECORD] = setup
    elif report.when == "call":
        if report.passed:
            item.stash[_RECORD] = _Record(status="passed", text="")
        elif call.excinfo is not None:
            item.stash[_RECORD] = _failure_record(call.excinfo, state.language)
            if isinstance(call.excinfo.value, (Fail, SandboxError)):
                report.longrepr = item.stash[_RECORD]["text"]  # concise in pytest's own output too
    elif report.when == "teardown":
        did_not_run: _Record = {"status": "error", "text": "test did not run", "fault": "test did not run"}
        record = item.stash.get(_RECORD, did_not_run)
        fb = item.stash.get(_FEEDBACK, None)
        if fb is not None and fb.notes:
            notes = "\n".join(n.render(state.language) for n in fb.notes)
            record["text"] = notes + ("\n" + record["text"] if record["text"] else "")
        worker = state.workers.get(a.id)
        if worker is not None:
            out, dropped = worker.take_output()
            if record["status"] == "passed":
                out = _without_library_warnings(out)
            shown = _sanitize_output(out, dropped, state.language, state.noise) if out.strip() or dropped else ""
            if shown:
                record["text"] = (record["text"] + "\n" if record["text"] else "") + shown
        state.outcomes.append(Outcome(assignment=a.id, function=getattr(item, "originalname", item.name),
                                      nodeid=item.nodeid, name=display_name(item, state.language),
                                      status=record["status"], output=record["text"],
                                      fraction=record.get("fraction"), data=fb.data if fb is not None else {},
                                      grader_fault=record.get("fault", "")))


_RECORD = pytest.StashKey[_Record]()
_FEEDBACK = pytest.StashKey[Feedback]()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    state = _state(session.config)
    if state is None:
        return
    state.close()
    if state.results:
        errors = [{"nodeid": r.nodeid, "text": str(r.longrepr)[:2000]} for r in _FAILED_COLLECTS]
        payload = {
            "format": 1,
            "outcomes": [asdict(o) for o in state.outcomes],
            "collected": {k: sorted(v) for k, v in state.collected.items()},
            "collect_errors": errors,
            "sandbox": state.sandbox_info,
        }
        files.write_text(state.results, json.dumps(payload, ensure_ascii=False))


_FAILED_COLLECTS: list[pytest.CollectReport] = []


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.failed:
        _FAILED_COLLECTS.append(report)

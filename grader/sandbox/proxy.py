"""The ``submission`` proxy: how hidden tests reach student code.

``submission.activations.softmax(x)`` sends an import, an attribute read and a
call to the sandboxed worker and decodes the reply. Student objects that are
not plain data (a ``Relu()`` layer, a module) stay in the worker and come back
as :class:`Handle` objects. Callables a test passes in are registered here and
called back in the oracle when student code calls them.

Failures are raised as :class:`SandboxError` subclasses carrying a bilingual
message and the test status they imply (failed / error / timeout).
"""
from __future__ import annotations

import itertools
import os
import re
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from typing import Any, Literal

import numpy as np

from grader.messages import Message, msg
from grader.sandbox import codec
from grader.sandbox.zygote import Policy, WorkerProcess, Zygote

# np.int, np.float, ... were removed in NumPy 1.24; the slides still use astype(np.int).
_REMOVED_ALIAS = re.compile(r"module 'numpy' has no attribute '(int|float|bool|object|complex|str|long|unicode)'")


class SandboxError(Exception):
    """A problem reaching or running student code; ``status`` is the test outcome it implies."""

    status: Literal["failed", "error", "timeout"]  # (grader.results.TestStatus, less "passed")

    status = "error"

    def __init__(self, message: Message, detail: str = "") -> None:
        super().__init__(message.en)
        self.message = message
        self.detail = detail  # student-side traceback, already limited to their files

    def fresh(self) -> SandboxError:
        """A new instance to raise again: re-raising one object grows its traceback every time."""
        clone = type(self).__new__(type(self))
        clone.__dict__.update(self.__dict__)
        Exception.__init__(clone, *self.args)
        return clone


class StudentError(SandboxError):
    """Student code raised an exception (including NotImplementedError, sys.exit)."""

    status = "failed"

    def __init__(self, message: Message, detail: str, kind: str, exc_type: str) -> None:
        super().__init__(message, detail)
        self.kind, self.exc_type = kind, exc_type


class ImportFailed(SandboxError):
    status = "error"


class WorkerCrashed(SandboxError):
    status = "error"


class WorkerStartFailed(WorkerCrashed):
    """The sandbox could not be set up: before any student code ran, so the grader's problem."""


class MachineFault(WorkerCrashed):
    """The worker was killed by the machine (the kernel's OOM killer), not by anything it did:
    the grader's problem, never a grade."""


class CallTimeout(SandboxError):
    status = "timeout"


class NotCrossable(SandboxError):
    status = "failed"


def disk_usage(folder: str) -> int:
    """Bytes of disk a folder's files take (allocated blocks: a sparse file counts what it uses)."""
    total = 0
    stack = [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for e in entries:
            try:
                st = e.stat(follow_symlinks=False)
            except OSError:
                continue
            total += st.st_blocks * 512
            if e.is_dir(follow_symlinks=False):
                stack.append(e.path)
    return total


def describe_value(value: Any) -> str:
    """A short, answer-free description of an argument for messages."""
    if isinstance(value, np.ndarray):
        if value.size <= 6:
            return np.array2string(value, separator=", ", precision=4)
        return f"array(shape={value.shape}, dtype={value.dtype})"
    if isinstance(value, Handle):
        return f"<{value._label}>"
    if callable(value):
        return "f"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def call_label(label: str, args: tuple, kwargs: dict) -> str:
    parts = [describe_value(a) for a in args] + [f"{k}={describe_value(v)}" for k, v in kwargs.items()]
    return f"{label}({', '.join(parts)})"


class Worker:
    """A lazily started, restartable connection to one assignment's sandboxed worker.

    A crash or timeout kills the worker; the next request starts a fresh one on
    a fresh copy of the submission, so one infinite loop costs one test, not the
    assignment. Import failures are remembered so a module that hangs or exits at
    import costs its time once.
    """

    def __init__(self, zygote: Zygote, source: str, paths: list[str], policy: Policy,
                 call_timeout: float, time_limit: float, scratch: str) -> None:
        self.zygote = zygote
        self.source, self.rel_paths, self.policy = source, paths, policy
        self.call_timeout, self.time_limit = call_timeout, time_limit
        self.scratch = scratch
        self.deadline: float | None = None
        self.proc: WorkerProcess | None = None
        self.ready = False
        self.workdir: str | None = None
        self.generation = 0
        self.rids = itertools.count(1)
        self.callbacks: dict[int, Callable] = {}
        self.cb_ids = itertools.count(1)
        self.import_failures: dict[str, SandboxError] = {}
        self.modules: dict[str, Handle] = {}
        self.info: dict = {}
        self.pending: dict[int, float] = {}  # request id -> its deadline, for submit()ed requests
        self.finished: dict[int, dict] = {}  # replies that arrived while waiting for another
        self.limits: dict[int, float] = {}  # request id -> its own time limit (for messages)
        self.disk_exceeded = 0  # the generation the disk watch killed for writing too much (0: none)

    # lifecycle -----------------------------------------------------------
    def prestart(self) -> None:
        """Spawn the worker now without waiting for it (overlaps its start-up with other work)."""
        if self.proc is None:
            self._spawn()

    def _spawn(self) -> None:
        self.generation += 1
        self.workdir = tempfile.mkdtemp(prefix=f"w{self.generation}-", dir=self.scratch)
        shutil.copytree(self.source, self.workdir, dirs_exist_ok=True, symlinks=True)
        paths = [os.path.join(self.workdir, p) for p in self.rel_paths]
        self.proc = WorkerProcess(self.zygote, self.policy, self.workdir, paths)
        self.ready = False
        self.modules = {}

    def _start(self) -> None:
        self._check_budget("")
        if self.proc is None:
            self._spawn()
        assert self.proc is not None
        try:
            self.info = self.proc.wait_ready(min(time.monotonic() + 30, self._deadline() + 1))
            self.ready = True
        except (codec.ChannelClosed, codec.ChannelTimeout, codec.CodecError, OSError) as exc:
            reason = self.proc.exit_description() if isinstance(exc, codec.ChannelClosed) else \
                str(exc) if isinstance(exc, (codec.CodecError, OSError)) else "no answer"
            self.close()
            raise WorkerStartFailed(msg(f"샌드박스 작업 프로세스를 시작하지 못했습니다 ({reason}).",
                                        f"the sandboxed worker could not start ({reason}).")) from None

    def _deadline(self) -> float:
        """The assignment's wall clock starts at its first request, not when it was pre-started."""
        if self.deadline is None:
            self.deadline = time.monotonic() + self.time_limit
        return self.deadline

    def close(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc = None
            self.ready = False
        self.pending.clear()
        self.finished.clear()
        self.limits.clear()
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def take_output(self) -> tuple[str, int]:
        """What the worker printed since the last call, with its scratch path made relative."""
        if self.proc is None:
            return "", 0
        text, dropped = self.proc.output.take()
        if self.workdir:
            text = text.replace(self.workdir + "/", "")
        return text, dropped

    def _check_budget(self, label: str) -> None:
        if time.monotonic() >= self._deadline():
            raise CallTimeout(msg(
                f"이 과제의 전체 제한 시간({self.time_limit:g}초)을 모두 사용했습니다. {label}",
                f"the time limit for this assignment ({self.time_limit:g} s) is used up. {label}"))

    # values --------------------------------------------------------------
    def _encode_unknown(self, value: Any) -> dict:
        if isinstance(value, Handle):
            if value._generation != self.generation:
                raise WorkerCrashed(msg("이전에 종료된 작업 프로세스의 객체입니다.",
                                        "this object belongs to a worker that has since been restarted."))
            return {"$ref": [value._ref, value._type]}
        if callable(value):
            cb_id = next(self.cb_ids)
            self.callbacks[cb_id] = value
            return {"$cb": cb_id}
        raise codec.CodecError(f"a value of type {type(value).__name__} cannot be sent to the worker")

    def _decode_tag(self, label: str) -> Callable[[str, Any], Any]:
        def on_tag(tag: str, payload: Any) -> Any:
            if tag != "$ref":
                raise codec.CodecError(f"unexpected {tag} from the worker")
            ref, type_name = payload
            return Handle(self, int(ref), str(type_name), label, self.generation)
        return on_tag

    # requests ------------------------------------------------------------
    def request(self, op: str, label: str, timeout: float | None = None, **fields: Any) -> Any:
        """Send one request and wait for its reply (serving callbacks meanwhile)."""
        rid, deadline = self._send(op, label, timeout, fields)
        return self._await(rid, deadline, label)

    def submit(self, op: str, label: str, timeout: float | None = None, **fields: Any) -> Pending:
        """Send a request without waiting: the worker runs it while the oracle does other work."""
        rid, deadline = self._send(op, label, timeout, fields)
        self.pending[rid] = deadline
        return Pending(self, rid, label, self.generation)

    def _send(self, op: str, label: str, timeout: float | None, fields: dict) -> tuple[int, float]:
        if self.proc is None or not self.ready:
            self._start()
        assert self.proc is not None
        self._check_budget(label)
        rid = next(self.rids)
        message = {"id": rid, "op": op}
        for key, value in fields.items():
            message[key] = codec.encode(value, self._encode_unknown) if key in ("args", "kwargs", "value",
                                                                                "key") else value
        call_timeout = timeout or self.call_timeout
        self.limits[rid] = call_timeout
        # Requests queue behind submitted ones, so their time counts too.
        queued = max(self.pending.values(), default=0.0)
        deadline = min(max(time.monotonic(), queued) + call_timeout, self._deadline())
        try:
            codec.send_frame(self.proc.wfd, message, deadline)
        except codec.ChannelTimeout:
            self.close()
            raise CallTimeout(msg(f"{label}: 작업 프로세스가 요청을 {call_timeout:g}초 안에 받지 않았습니다.",
                                  f"{label}: the worker did not take the request within {call_timeout:g} s.")) \
                from None
        except (BrokenPipeError, OSError):
            reason = self.proc.exit_description()
            self.close()
            raise self._crashed(label, reason) from None
        return rid, deadline

    def _await(self, rid: int, deadline: float, label: str) -> Any:
        while rid not in self.finished:
            if self.proc is None:
                raise WorkerCrashed(msg(f"{label}: 작업 프로세스가 그 사이에 종료되었습니다.",
                                        f"{label}: the worker ended before it answered."))
            try:
                reply = codec.recv_frame(self.proc.rfd, deadline, self.proc.side)
            except codec.ChannelTimeout:
                whole = self._deadline() <= deadline
                self.close()
                if whole:
                    raise CallTimeout(msg(
                        f"{label}: 과제 전체 제한 시간({self.time_limit:g}초)을 넘었습니다. 무한 루프가 있는지 "
                        "확인하세요.",
                        f"{label}: the assignment's time limit ({self.time_limit:g} s) ran out. Look for an infinite "
                        "loop.")) \
                        from None
                secs = self.limits.get(rid, self.call_timeout)
                raise CallTimeout(msg(
                    f"{label}: {secs:g}초 안에 끝나지 않았습니다. 무한 루프가 있는지 확인하세요.",
                    f"{label}: did not finish within {secs:g} s. Look for an infinite loop.")) from None
            except codec.ChannelClosed:
                reason = self.proc.exit_description() if self.proc else "?"
                self.close()
                raise self._crashed(label, reason) from None
            except codec.CodecError as exc:
                self.close()
                raise WorkerCrashed(msg(f"{label}: 작업 프로세스가 잘못된 응답을 보냈습니다 ({exc}).",
                                        f"{label}: the worker sent a malformed reply ({exc}).")) from None
            if "cb" in reply:
                try:
                    self._serve_callback(reply, deadline)
                except codec.ChannelTimeout:
                    self.close()
                    raise CallTimeout(msg(f"{label}: 작업 프로세스가 콜백의 결과를 받지 않았습니다.",
                                          f"{label}: the worker stopped reading a callback's result.")) from None
                except OSError:
                    continue  # the worker is gone: the next read says how it ended
                continue
            got = reply.get("id")
            if got != rid and got not in self.pending:
                self.close()
                raise WorkerCrashed(msg(f"{label}: 작업 프로세스가 잘못된 응답을 보냈습니다 (reply out of order).",
                                        f"{label}: the worker sent a malformed reply (reply out of order)."))
            self.pending.pop(got, None)
            self.finished[got] = reply
        reply = self.finished.pop(rid)
        self.limits.pop(rid, None)
        if "err" in reply:
            raise self._student_error(label, reply["err"])
        try:
            return codec.decode(reply.get("ok"), self._decode_tag(label))
        except codec.CodecError as exc:
            raise NotCrossable(msg(f"{label}: 반환값을 읽을 수 없습니다 ({exc}).",
                                   f"{label}: the returned value could not be read ({exc}).")) from None

    def _serve_callback(self, req: dict, deadline: float) -> None:
        assert self.proc is not None
        cid = req.get("cid")
        try:
            fn = self.callbacks[int(req["cb"])]
            args = codec.decode(req.get("args", []), self._decode_tag("callback argument"))
            kwargs = codec.decode(req.get("kwargs", {"$dict": []}), self._decode_tag("callback argument"))
            result = fn(*args, **kwargs)
            reply = {"cid": cid, "ok": codec.encode(result, self._encode_unknown)}
        except Exception as exc:  # noqa: BLE001 - reported to the student code as a RuntimeError
            reply = {"cid": cid, "err": f"{type(exc).__name__}: {exc}"[:500]}
        codec.send_frame(self.proc.wfd, reply, deadline)

    def check_disk(self) -> None:
        """Kill the worker if its copy of the submission holds more than ``disk_mb`` (called by the
        oracle's disk watch where no tmpfs caps it: without namespaces)."""
        proc, workdir, generation = self.proc, self.workdir, self.generation
        if proc is None or workdir is None:
            return
        if disk_usage(workdir) > self.policy.disk_mb * 2**20:
            self.disk_exceeded = generation
            for kill in (lambda: os.killpg(proc.pid, signal.SIGKILL), lambda: os.kill(proc.pid, signal.SIGKILL)):
                try:
                    kill()
                except OSError:
                    pass

    def _crashed(self, label: str, reason: str) -> WorkerCrashed:
        if self.disk_exceeded == self.generation:
            mb = self.policy.disk_mb
            return WorkerCrashed(msg(f"{label}: 제출물 폴더에 {mb} MiB보다 많이 써서 작업 프로세스를 종료했습니다.",
                                     f"{label}: the worker was stopped for writing more than {mb} MiB into its "
                                     "folder."))
        if reason == "out of memory":
            return MachineFault(msg(f"{label}: 채점 컴퓨터의 메모리가 부족해 커널이 작업 프로세스를 종료했습니다.",
                                    f"{label}: the grading machine ran out of memory and the kernel killed the "
                                    "worker."))
        return WorkerCrashed(self._crash_message(label, reason))

    def _crash_message(self, label: str, reason: str) -> Message:
        if "SIGXCPU" in reason:
            return msg(f"{label}: CPU 시간 제한을 넘어 종료되었습니다.",
                       f"{label}: killed for exceeding the CPU time limit.")
        if reason.startswith("signal"):
            return msg(f"{label}: 작업 프로세스가 {reason[7:]} 시그널로 종료되었습니다. 메모리를 너무 많이 쓰거나 "
                       "스스로 프로세스를 종료하지 않았는지 확인하세요.",
                       f"{label}: the worker process was ended by {reason[7:]}. Check for excessive memory use, "
                       "or code that kills its own process.")
        return msg(f"{label}: 학생 코드가 작업 프로세스를 종료했습니다 ({reason}). os._exit()나 sys.exit()를 호출하지 "
                   "마세요.",
                   f"{label}: your code ended the worker process ({reason}). Do not call os._exit() or sys.exit().")

    def _student_error(self, label: str, err: dict) -> SandboxError:
        kind = str(err.get("kind", "exception"))
        exc_type = str(err.get("type", "Exception"))
        text = str(err.get("message", ""))
        where = str(err.get("where", ""))
        at = f" ({where})" if where else ""
        detail = str(err.get("traceback", ""))
        if kind == "not_implemented":
            m = msg(f"{label}: 아직 구현되지 않았습니다 (NotImplementedError){at}.",
                    f"{label}: not implemented yet (NotImplementedError){at}.")
        elif kind == "exit":
            m = msg(f"{label}: 학생 코드가 {text}를 호출했습니다{at}. 채점 중에는 프로그램을 종료하지 마세요.",
                    f"{label}: your code called {text}{at}. Do not exit the program while it is graded.")
        elif kind == "memory":
            m = msg(f"{label}: 메모리 제한({self.policy.limits.memory_mb} MiB)을 넘었습니다{at}.",
                    f"{label}: exceeded the memory limit ({self.policy.limits.memory_mb} MiB){at}.")
        elif kind == "recursion":
            m = msg(f"{label}: 재귀 깊이 제한을 넘었습니다 (RecursionError){at}.",
                    f"{label}: maximum recursion depth exceeded (RecursionError){at}.")
        elif kind == "encode":
            m = msg(f"{label}: 반환값을 채점기로 보낼 수 없습니다: {text}. 숫자, 리스트, numpy 배열을 반환하세요.",
                    f"{label}: the returned value cannot be sent to the grader: {text}. Return numbers, lists or numpy "
                    "arrays.")
            return NotCrossable(m, detail)
        else:
            alias = _REMOVED_ALIAS.search(text) if exc_type == "AttributeError" else None
            if alias:
                name = alias.group(1)
                m = msg(f"{label}: np.{name}은(는) NumPy 1.24에서 삭제되었습니다. 내장 {name}을(를) 쓰세요{at}. "
                        f"(슬라이드의 astype(np.{name})를 astype({name})로 바꾸세요.)",
                        f"{label}: np.{name} was removed in NumPy 1.24; use the built-in {name}{at}. "
                        f"(Change the slides' astype(np.{name}) to astype({name}).)")
            else:
                first = text.strip().splitlines()[0] if text.strip() else ""
                first = first if len(first) <= 300 else first[:297] + "..."
                m = msg(f"{label}: 예외가 발생했습니다 {exc_type}: {first}{at}",
                        f"{label}: raised {exc_type}: {first}{at}")
        return StudentError(m, detail, kind, exc_type)

    # the backend's worker (grader.sandbox.backend.SandboxWorker) -----------
    def submission(self) -> Submission:
        return Submission(self)

    def outlived(self, value: Any) -> bool:
        """Whether ``value`` (a warm-up's result) refers to a generation of this worker that no longer exists."""
        items = value.values() if isinstance(value, dict) else [value]
        gens = [v.generation if isinstance(v, Pending) else v._generation if isinstance(v, Handle) else None
                for v in items]
        return any(g is not None and g != self.generation for g in gens)

    # modules -------------------------------------------------------------
    def module(self, name: str) -> Handle:
        if name in self.import_failures:
            raise self.import_failures[name].fresh()
        if self.proc is not None and name in self.modules:
            return self.modules[name]
        try:
            handle = self.request("import", f"import {name}", module=name)
        except StudentError as exc:
            failure: SandboxError
            if exc.exc_type == "ModuleNotFoundError" and f"'{name}'" in exc.message.en:
                failure = ImportFailed(msg(f"모듈 {name}을(를) 찾을 수 없습니다: 제출물에 {name}.py 파일이 있는지 "
                                           "확인하세요.",
                                           f"module {name} was not found: check that your submission has {name}.py."))
            elif exc.kind == "not_implemented":
                failure = exc
            else:
                failure = ImportFailed(msg(f"{name}.py를 불러올(import) 수 없습니다. ",
                                           f"{name}.py cannot be imported. ") + exc.message, exc.detail)
            self.import_failures[name] = failure
            raise failure.fresh() from None
        except (WorkerCrashed, CallTimeout) as exc:
            failure = type(exc)(msg(f"{name}.py를 불러오는(import) 중: ", f"while importing {name}.py: ") + exc.message)
            self.import_failures[name] = failure
            raise failure.fresh() from None
        object.__setattr__(handle, "_label", name)
        self.modules[name] = handle
        return handle


class Pending:
    """The future result of :meth:`Worker.submit`."""

    def __init__(self, worker: Worker, rid: int, label: str, generation: int) -> None:
        self.worker, self.rid, self.label, self.generation = worker, rid, label, generation

    def result(self) -> Any:
        if self.generation != self.worker.generation or (
                self.rid not in self.worker.pending and self.rid not in self.worker.finished):
            raise WorkerCrashed(msg(f"{self.label}: 작업 프로세스가 다시 시작되어 결과가 없습니다.",
                                    f"{self.label}: the worker was restarted, so this result is lost."))
        deadline = self.worker.pending.get(self.rid, time.monotonic())
        return self.worker._await(self.rid, deadline, self.label)


class Handle:
    """A student object living in the worker. Attribute reads, calls and indexing go over the pipe."""

    __slots__ = ("_functions", "_generation", "_label", "_ref", "_type", "_worker")

    def __init__(self, worker: Worker, ref: int, type_name: str, label: str, generation: int) -> None:
        object.__setattr__(self, "_worker", worker)
        object.__setattr__(self, "_ref", ref)
        object.__setattr__(self, "_type", type_name)
        object.__setattr__(self, "_label", label)
        object.__setattr__(self, "_generation", generation)
        # Module handles remember the function handles read from them (one round trip
        # fewer per call); rebinding an attribute through the handle forgets it.
        object.__setattr__(self, "_functions", {} if type_name == "builtins.module" else None)

    def _live(self) -> None:
        if self._generation != self._worker.generation or self._worker.proc is None:
            raise WorkerCrashed(msg(f"{self._label}: 작업 프로세스가 다시 시작되어 이 객체는 더 이상 없습니다.",
                                    f"{self._label}: the worker was restarted, so this object no longer exists."))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        self._live()
        if self._functions is not None and name in self._functions:
            return self._functions[name]
        value = self._worker.request("getattr", f"{self._label}.{name}", ref=self._ref, name=name)
        if self._functions is not None and isinstance(value, Handle) and value._type == "builtins.function":
            self._functions[name] = value
        return value

    def _attr_ref(self, name: str) -> Handle:
        """Read an attribute as a handle, even if it is plain data (to mutate it in place)."""
        self._live()
        return self._worker.request("getattr", f"{self._label}.{name}", ref=self._ref, name=name, as_ref=True)

    def __setattr__(self, name: str, value: Any) -> None:
        self._live()
        if self._functions is not None:
            self._functions.pop(name, None)
        self._worker.request("setattr", f"{self._label}.{name}", ref=self._ref, name=name, value=value)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self._live()
        return self._worker.request("call", call_label(self._label, args, kwargs),
                                    ref=self._ref, args=list(args), kwargs=dict(kwargs))

    def __getitem__(self, key: Any) -> Any:
        self._live()
        return self._worker.request("getitem", f"{self._label}[{key!r}]", ref=self._ref, key=key)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._live()
        self._worker.request("setitem", f"{self._label}[{key!r}]", ref=self._ref, key=key, value=value)

    def _item_ref(self, key: Any) -> Handle:
        """``self[key]`` as a handle (to change it in place)."""
        self._live()
        return self._worker.request("getitem", f"{self._label}[{key!r}]", ref=self._ref, key=key, as_ref=True)

    def _copyto(self, value: Any) -> None:
        """``self[...] = value`` in the worker: arrays shared by reference (the book's params) stay shared."""
        self._live()
        self._worker.request("copyto", f"{self._label}[...] = ...", ref=self._ref, value=value)

    def _value(self) -> Any:
        self._live()
        return self._worker.request("value", self._label, ref=self._ref)

    def __repr__(self) -> str:
        return f"<student object {self._type} ({self._label})>"

    # Never let a handle masquerade as a passing comparison in the oracle.
    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def __bool__(self) -> bool:
        raise TypeError(f"{self!r} has no truth value in the oracle")


class Submission:
    """What the ``submission`` fixture returns (:class:`grader.sandbox.backend.SubmissionAPI`):
    ``submission.<module>`` is a module handle."""

    def __init__(self, worker: Worker) -> None:
        self._worker = worker

    def __getattr__(self, name: str) -> Handle:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._worker.module(name)

    def new(self, value: Any, label: str = "x") -> Handle:
        """Put ``value`` into the worker and return a handle to it (changes made there stay visible)."""
        handle = self._worker.request("new", label, value=value)
        object.__setattr__(handle, "_label", label)
        return handle

    def seed(self, seed: int) -> None:
        """Seed the worker's ``np.random`` and ``random`` (students' ``np.random.randn`` init)."""
        self._worker.request("seed", f"np.random.seed({seed})", seed=seed)

    def kit_start(self, op: str, *objects: Handle, label: str | None = None, timeout: float | None = None,
                  **options: Any) -> Pending:
        """Start a kit's worker operation ``<kit>.<op>`` (``grader/kits/<kit>/worker_ops.py``) on
        ``objects`` (handles into the worker) with plain-data ``options``, and return at once;
        ``.result()`` waits. Kits wrap this for their hidden tests (``numpy_nets.sgd_start``)."""
        return self._worker.submit("kit", label or op, timeout=timeout, name=op,
                                   refs=[h._ref for h in objects], options=options)

    # The names hidden suites written before the public ones use.
    _new = new
    _seed = seed
    _kit_start = kit_start

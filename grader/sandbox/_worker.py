"""The sandboxed worker: the only process that ever imports or runs student code.

:mod:`grader.sandbox.zygote` starts one *zygote* per oracle (``python -I -m
grader.sandbox._worker SOCK ORACLE_PID``, scrubbed environment), which imports numpy
once and forks a worker per request (:func:`zygote`). Each forked worker
isolates itself *before* touching student code (:func:`serve`, :mod:`grader.sandbox._isolate`:
namespaces with a grader-controlled init, a read-only file system with the course
folder and data sets covered, the submission's own uid, rlimits).

Afterwards it serves requests from the oracle: import a module, read or set an
attribute, call, index. Results go back through :mod:`grader.sandbox.codec`; objects
that are not plain data stay in the worker and cross as handles. Callables the
oracle passed in are called back over the same pipe.

Only the standard library and numpy may be imported here (plus grader.sandbox.codec, grader.sandbox._isolate and
grader.sandbox.waits); every kit's ``worker_ops`` module is imported by the zygote, before any isolation
(the oracle names them when it starts the zygote: the sandbox knows no kit).
"""
from __future__ import annotations

import importlib
import itertools
import os
import re
import sys
import traceback
from typing import Any

from grader.sandbox import _isolate, codec, procs
from grader.sandbox.waits import wait_pid


# ------------------------------------------------------------------ serving
class _Server:
    def __init__(self, rfd: int, wfd: int, workdir: str) -> None:
        self.rfd, self.wfd, self.workdir = rfd, wfd, workdir
        self.pid = os.getpid()
        self.objects: dict[int, Any] = {}
        self.ids = itertools.count(1)
        self.cids = itertools.count(1)

    # values -------------------------------------------------------------
    def _to_ref(self, value: Any) -> dict:
        oid = next(self.ids)
        self.objects[oid] = value
        return {"$ref": [oid, _type_name(value)]}

    def _from_tag(self, tag: str, payload: Any) -> Any:
        if tag == "$ref":
            return self.objects[int(payload[0])]
        cb_id = int(payload)
        server = self

        def callback(*args: Any, **kwargs: Any) -> Any:
            return server.call_back(cb_id, args, kwargs)

        callback.__name__ = f"grader_callback_{cb_id}"
        return callback

    def encode(self, value: Any, as_ref: bool = False) -> Any:
        if as_ref:
            return self._to_ref(value)
        return codec.encode(value, self._to_ref)

    def call_back(self, cb_id: int, args: tuple, kwargs: dict) -> Any:
        if os.getpid() != self.pid:
            raise RuntimeError("grader callbacks cannot be used from a forked process")
        cid = next(self.cids)
        _flush_streams()
        codec.send_frame(self.wfd, {"cb": cb_id, "cid": cid,
                                    "args": self.encode(list(args)), "kwargs": self.encode(kwargs)})
        while True:
            msg = codec.recv_frame(self.rfd)
            if msg.get("cid") == cid:
                if "err" in msg:
                    raise RuntimeError(f"grader callback failed: {msg['err']}")
                return codec.decode(msg["ok"], self._from_tag)
            self.handle(msg)  # a nested request from the oracle while it serves our callback

    # requests -----------------------------------------------------------
    def handle(self, msg: dict) -> None:
        rid = msg.get("id")
        try:
            result = self._dispatch(msg)
            reply = {"id": rid, "ok": result}
        except BaseException as exc:  # noqa: BLE001 - student code may raise anything, SystemExit included
            reply = {"id": rid, "err": self._describe(exc)}
        if os.getpid() != self.pid:
            os._exit(0)  # a child that student code forked came back here: it must not reply
        _flush_streams()
        try:
            codec.send_frame(self.wfd, reply)
        except codec.CodecError as exc:
            codec.send_frame(self.wfd, {"id": rid, "err": {"kind": "encode", "type": "CodecError",
                                                           "message": str(exc), "where": "", "traceback": ""}})

    def _dispatch(self, msg: dict) -> Any:
        op = msg["op"]
        dec = lambda v: codec.decode(v, self._from_tag)  # noqa: E731
        as_ref = bool(msg.get("as_ref"))
        if op == "import":
            module = importlib.import_module(msg["module"])
            return self.encode(module, as_ref=True)
        if op == "release":
            self.objects.pop(int(msg["ref"]), None)
            return None
        if op == "new":  # keep a value in the worker (e.g. an array whose in-place changes a test inspects)
            return self.encode(dec(msg["value"]), as_ref=True)
        if op == "seed":  # the course's code draws from np.random's global state
            import random

            import numpy as np

            np.random.seed(int(msg["seed"]))
            random.seed(int(msg["seed"]))
            return None
        if op == "kit":  # an operation a kit registered (grader/kits/<kit>/worker_ops.py), on worker objects
            function = _kit_op(str(msg["name"]))
            objects = [self.objects[int(r)] for r in msg.get("refs", [])]
            return self.encode(function(OpContext(self.workdir), *objects, **msg.get("options", {})), as_ref)
        target = self.objects[int(msg["ref"])]
        if op == "getattr":
            return self.encode(getattr(target, msg["name"]), as_ref)
        if op == "setattr":
            setattr(target, msg["name"], dec(msg["value"]))
            return None
        if op == "call":
            args = dec(msg.get("args", []))
            kwargs = dec(msg.get("kwargs", {"$dict": []}))
            return self.encode(target(*args, **kwargs), as_ref)
        if op == "getitem":
            return self.encode(target[dec(msg["key"])], as_ref)
        if op == "setitem":
            target[dec(msg["key"])] = dec(msg["value"])
            return None
        if op == "value":  # fetch a handle's value as data (e.g. an array kept by reference)
            return self.encode(target)
        if op == "copyto":  # in-place assignment, so arrays shared by reference stay shared
            import numpy as np

            np.copyto(target, dec(msg["value"]), casting="unsafe")
            return None
        raise ValueError(f"unknown op {op!r}")

    def _describe(self, exc: BaseException) -> dict:
        kind = "exception"
        if isinstance(exc, SystemExit):
            kind = "exit"
        elif isinstance(exc, NotImplementedError):
            kind = "not_implemented"
        elif isinstance(exc, MemoryError):
            kind = "memory"
        elif isinstance(exc, RecursionError):
            kind = "recursion"
        elif isinstance(exc, codec.CodecError):
            kind = "encode"
        try:
            message = str(exc)[:2000]
        except BaseException:  # noqa: BLE001 - a hostile __str__
            message = "<unprintable>"
        if isinstance(exc, SystemExit):
            message = f"sys.exit({exc.code!r})"[:200]
        # A path built from __file__ (the book's os.path.dirname(__file__) idiom) names the grader's
        # temporary copy: shown relative to the submission, as the student knows the file.
        message = message.replace(self.workdir + os.sep, "").replace(self.workdir, ".")
        frames = [f for f in traceback.extract_tb(exc.__traceback__)
                  if f.filename.startswith(self.workdir)]
        where = ""
        if frames:
            last = frames[-1]
            where = f"{os.path.relpath(last.filename, self.workdir)}:{last.lineno} in {last.name}"
        tb_lines = []
        for f in frames[-5:]:
            rel = os.path.relpath(f.filename, self.workdir)
            tb_lines.append(f'  File "{rel}", line {f.lineno}, in {f.name}\n    {(f.line or "").strip()}')
        if isinstance(exc, SyntaxError) and exc.filename:
            rel = os.path.relpath(exc.filename, self.workdir) if exc.filename.startswith(self.workdir) else exc.filename
            where = ""
            message = f"{exc.msg} ({rel}, line {exc.lineno})"
        return {"kind": kind, "type": type(exc).__name__[:100], "message": message,
                "where": where, "traceback": "\n".join(tb_lines)[:4000]}

    def serve(self) -> None:
        while True:
            try:
                msg = codec.recv_frame(self.rfd)
            except (codec.ChannelClosed, codec.CodecError):
                os._exit(0)
            self.handle(msg)


class OpContext:
    """What a kit's worker operation may need besides its arguments: the worker's copy of the submission."""

    def __init__(self, workdir: str) -> None:
        self.workdir = workdir


_KIT_OP = re.compile(r"^([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$")
_KIT_OPS: dict[str, Any] = {}
_KIT_MODULES: dict[str, str] = {}  # kit -> its worker_ops module, as the oracle named them to the zygote


def _preload_kit_ops(modules: dict[str, str]) -> None:
    """Every kit's ``worker_ops`` (standard library and numpy at import; ``modules``: kit -> module),
    imported in the zygote so each worker inherits them: without namespaces the grader's own folder
    may sit inside a folder the sandbox uid cannot traverse (a submission's parent, protected by
    permissions), and an import after the uid drop failed there with ModuleNotFoundError: grader.kits."""
    _KIT_MODULES.update(modules)
    for module in modules.values():
        try:
            importlib.import_module(module)
        except ImportError:  # a kit without worker operations
            pass


def _kit_op(name: str) -> Any:
    """``<kit>.<op>``: ``OPS[op]`` of the kit's ``worker_ops`` module (already imported by the
    zygote: :func:`_preload_kit_ops`)."""
    if name not in _KIT_OPS:
        m = _KIT_OP.match(name)
        if m is None:
            raise ValueError(f"not a kit operation name: {name!r}")
        if m[1] not in _KIT_MODULES:
            raise ValueError(f"kit {m[1]!r} has no worker operations")
        module = importlib.import_module(_KIT_MODULES[m[1]])
        if m[2] not in module.OPS:
            raise ValueError(f"kit {m[1]!r} has no worker operation {m[2]!r}")
        _KIT_OPS[name] = module.OPS[m[2]]
    return _KIT_OPS[name]


def _flush_streams() -> None:
    """Push what student code printed into the output pipe before the reply is sent."""
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        if stream is None:  # no such stream in this process
            continue
        try:
            stream.flush()
        except BaseException:  # noqa: BLE001 - a student may have replaced or closed them
            pass


def _type_name(value: Any) -> str:
    t = type(value)
    return f"{getattr(t, '__module__', '?')}.{getattr(t, '__qualname__', t.__name__)}"[:200]


def serve(rfd: int, wfd: int, init: dict, parent: int) -> None:
    """Isolate this process, then serve the oracle's requests until the pipe closes."""
    procs.name_self("dlgrader-worker")
    _isolate.die_with_parent(parent)  # the zygote's death ends the worker (isolate sets it again later)
    info = _isolate.isolate(init, (rfd, wfd), parent)  # returns in the process that runs student code
    _isolate.apply_limits(init["limits"], dedicated_uid=info["mode"] != "user")
    workdir = init["workdir"]
    os.chdir(workdir)
    os.environ["HOME"] = workdir
    sys.path[:0] = list(init["paths"])
    sys.dont_write_bytecode = True
    sys.setrecursionlimit(3000)
    import numpy as np

    np.random.seed(0)  # the course's code draws from the global state: start every worker alike
    server = _Server(rfd, wfd, workdir)
    codec.send_frame(wfd, {"ready": info})
    server.serve()


def zygote(sock_fd: int, oracle_pid: int, worker_ops: dict[str, str]) -> None:
    """The fork server: numpy is imported once here; each worker is a fork of this process.

    Requests arrive as SOCK_SEQPACKET messages: ``{"fork": init}`` with three file
    descriptors (the worker's request pipe, reply pipe and output pipe), answered
    with ``{"pid": n}``; ``{"wait": pid, "timeout": s}`` reaps a worker and answers
    with its wait status (or null). The zygote never runs student code itself. ``worker_ops``: each
    kit's worker-operation module by kit name, imported here once.
    """
    import json
    import socket

    procs.name_self("dlgrader-zygote")
    import numpy  # the point of the zygote: children inherit it imported
    import numpy.random  # noqa: F401 - lazily imported by numpy, and seeded in every worker
    _preload_kit_ops(worker_ops)

    _isolate.die_with_parent(oracle_pid)
    sock = socket.socket(fileno=sock_fd)
    me = os.getpid()
    while True:
        try:
            data, fds, _, _ = socket.recv_fds(sock, 1 << 20, 3)
        except OSError:
            os._exit(0)
        if not data:
            os._exit(0)
        msg = json.loads(data)
        if "fork" in msg:
            rfd, wfd, out = fds
            pid = os.fork()
            if pid == 0:
                try:
                    sock.close()
                    os.setsid()
                    os.dup2(out, 1)
                    os.dup2(out, 2)
                    os.close(out)
                    try:
                        serve(rfd, wfd, msg["fork"], me)
                    except Exception as exc:  # noqa: BLE001 - set-up failed before any student code ran
                        codec.send_frame(wfd, {"fatal": f"{type(exc).__name__}: {exc}"[:500]})
                finally:
                    os._exit(0)
            for fd in fds:
                os.close(fd)
            sock.send(json.dumps({"pid": pid}).encode())
        elif "wait" in msg:
            sock.send(json.dumps({"status": wait_pid(int(msg["wait"]), float(msg["timeout"]))}).encode())


if __name__ == "__main__":
    zygote(int(sys.argv[1]), int(sys.argv[2]), dict(arg.split("=", 1) for arg in sys.argv[3:]))

"""The warm oracle: one long-lived process per job slot that pays the imports once.

A cold oracle is ``python -I -m pytest -p grader.oracle.plugin @args`` started per submission, with
its zygote (``python -I -m grader.sandbox._worker``) started by it: two interpreter starts and the
imports of pytest, numpy, the plugin and the kits, about a third of an a01-a05 submission's CPU.
This server imports all of that once, then forks a **spare oracle** before it is asked for one:

* the spare is a fork of this server, which has read nothing of any course or submission (no
  grading.yml, no hidden suite, no reference, no path of either), so the spare forks its sandbox's
  zygote at once (:func:`grader.sandbox.zygote.prefork`): the zygote's memory, and so every
  worker's, holds only the grader's public package and the libraries, as a freshly started one does;
* on ``{"run": request}`` the server hands the request to the spare and answers with its pid; the
  spare takes the request's environment, folder and log, and runs ``pytest.main`` with the very
  arguments a cold oracle gets. Then it exits: every submission gets a fresh oracle and a fresh
  sandbox, a copy of the same pristine parent, so nothing passes from one student to the next.
  The server forks the next spare while that one works;
* the caller (:mod:`grader.run.warm`) waits for the oracle on a pidfd and kills its process group
  as it would a cold oracle's; the server reaps an oracle only when asked (``{"reap": pid}``), so
  the pid cannot be reused while the caller may still signal it.

Started as ``python -I -m grader.oracle.warm SOCK PARENT SPEC`` with a minimal environment (the
zygote's own variables, nothing of the TA's: the environment block a process starts with stays in
its memory, and the zygote is forked from here). It dies with its parent (``grade``) and ends when
its socket closes. Messages are JSON over a SOCK_SEQPACKET socket, never pickle.
"""
from __future__ import annotations

import gc
import importlib
import json
import os
import signal
import socket
import sys
import tempfile
import traceback

from grader.sandbox import zygote
from grader.sandbox.procs import become_subreaper, name_self, protect_self, reap_ended, sweep_orphans
from grader.sandbox.waits import wait_pid


def _die_with(parent: int, sig: int) -> None:
    """``PR_SET_PDEATHSIG`` = ``sig``; if ``parent`` is already gone, end now."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, sig, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _preimport() -> None:
    """What every oracle imports before its first test: pytest with its built-in plugins, numpy, the
    grader's plugin and, through it, the sandbox proxy, the kits' registry and the results."""
    import numpy
    import numpy.random  # noqa: F401
    import pytest  # noqa: F401
    from _pytest.config import default_plugins

    for name in default_plugins:
        importlib.import_module(f"_pytest.{name}")
    import grader.oracle.plugin  # noqa: F401


class _Spare:
    """A forked oracle waiting for its request on a pipe."""

    def __init__(self, server: int, spec: dict) -> None:
        r, self.w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child ends in os._exit
            code = 70
            try:
                os.closerange(3, r)  # the server's socket to grade, earlier pipes: only the request's pipe
                os.closerange(r + 1, 1 << 16)
                os.setsid()
                _die_with(server, signal.SIGKILL)
                zygote.prefork(spec.get("zygote_env"), spec.get("worker_ops"))
                code = _run(_read_request(r))
            except BaseException:  # noqa: BLE001 - the oracle's log is the only place to say it
                traceback.print_exc()
            finally:
                try:
                    sys.stdout.flush()
                    sys.stderr.flush()
                finally:
                    os._exit(code)
        os.close(r)
        self.pid = pid

    def hand(self, request: dict) -> None:
        data = json.dumps(request).encode()
        try:
            os.write(self.w, len(data).to_bytes(8, "big") + data)  # a pipe takes it whole (< 64 KiB) or blocks
        finally:
            os.close(self.w)

    def discard(self) -> None:
        try:
            os.close(self.w)
        except OSError:
            pass
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except OSError:
            pass
        wait_pid(self.pid, 5)


def _read_request(fd: int) -> dict:
    data = b""
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        data += chunk
    os.close(fd)
    if len(data) < 8:
        os._exit(0)  # the server closed our pipe without a request: not needed
    return json.loads(data[8:8 + int.from_bytes(data[:8], "big")])


def _run(request: dict) -> int:
    """Become the oracle a cold start would have been: its environment, folder, output and arguments."""
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    tempfile.tempdir = None  # the module caches TMPDIR: take this submission's scratch folder
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(null)
    os.close(log)
    import pytest

    return int(pytest.main(list(request["args"])))


def serve(sock_fd: int, parent: int, spec: dict) -> None:
    _die_with(parent, signal.SIGKILL)
    # What its oracles leave (a killed oracle's zygote and workers, a discarded spare's zygote: each
    # dies with its parent) is reparented here and reaped, not left to grade's caller as zombies.
    become_subreaper()
    protect_self()
    name_self("dlgrader-warm")
    _preimport()
    # What was imported stays for good: out of the collector's sight, a forked oracle's collections
    # neither walk it (pytest collects several times as it ends) nor copy its pages by touching them.
    gc.collect()
    gc.freeze()
    sock = socket.socket(fileno=sock_fd)
    me = os.getpid()
    spare = _Spare(me, spec)
    launched: set[int] = set()  # oracles handed out and not yet reaped at the caller's request
    try:
        while True:
            try:
                data = sock.recv(1 << 20)
            except OSError:
                data = b""
            if not data:
                return
            msg = json.loads(data)
            if "run" in msg:
                spare.hand(msg["run"])
                launched.add(spare.pid)
                sock.send(json.dumps({"pid": spare.pid}).encode())
                spare = _Spare(me, spec)
            elif "reap" in msg:
                pid = int(msg["reap"])
                status = wait_pid(pid, float(msg.get("timeout", 5)))
                if status is not None:
                    launched.discard(pid)
                sock.send(json.dumps({"status": status}).encode())
            reap_ended(launched | {spare.pid})
    finally:
        spare.discard()
        sweep_orphans()  # every oracle still running and every orphan: killed and reaped


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3]))

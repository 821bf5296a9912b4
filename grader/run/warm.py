"""Warm oracles for a class run: one server per job slot (:mod:`grader.oracle.warm`), each handing out
a fresh oracle per submission, forked from a parent that has already imported pytest, numpy, the
plugin and the kits.

The engine sees an :class:`OracleProcess` as it saw the ``Popen`` of a cold oracle: a pid whose process
group it kills, a wait with a time limit, an exit status. A server that dies is replaced at the next
submission; its submission's oracle died with it (it follows its server), which the engine reports as
a grader problem, as it would a cold oracle's death.
"""
from __future__ import annotations

import contextlib
import json
import os
import queue
import select
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from grader.sandbox.procs import ONE_THREAD_ENV
from grader.sandbox.zygote import scrubbed_env


@dataclass(frozen=True)
class Spec:
    """What a server's spare oracles and their zygotes are prepared with: the kits' ``WORKER_ENV`` and
    ``worker_ops`` modules (as a cold oracle's zygote gets them). Never a path of the course."""

    zygote_env: dict[str, str]
    worker_ops: dict[str, str]


ANSWER_WITHIN = 30.0  # seconds for a server's answer (its start-up imports included, on a loaded machine)


class ServerGone(RuntimeError):
    """The warm oracle's server ended (killed, or it failed to start)."""


class OracleProcess:
    """A warm oracle: not our child (the server's), so it is waited for on a pidfd and reaped by the server."""

    def __init__(self, server: Server, pid: int) -> None:
        self.server, self.pid = server, pid
        self.returncode: int | None = None
        try:
            self._fd: int | None = os.pidfd_open(pid)
        except OSError:
            self._fd = None  # already reaped: the server died, and the oracle with it

    def ended(self, timeout: float) -> bool:
        """Whether the oracle has ended, waiting up to ``timeout`` s (safe from any thread)."""
        if self._fd is None:
            return True
        return bool(select.select([self._fd], [], [], max(0.0, timeout))[0])

    def reap(self) -> int:
        """Its exit status (negative: the signal), once it has ended; from the one thread that runs it."""
        if self.returncode is None:
            status = self.server.reap(self.pid) if self._fd is not None else None
            self.returncode = -9 if status is None else int(status)
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
        return self.returncode


class Server:
    """One warm oracle server, used by one grading thread at a time."""

    def __init__(self, spec: Spec) -> None:
        self.sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        # The server's whole environment: what the zygote forked from it will have, plus the one-thread
        # settings numpy reads at import. Each oracle gets its full environment with its request.
        env = {**scrubbed_env("/", spec.zygote_env), **ONE_THREAD_ENV}
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-m", "grader.oracle.warm", str(theirs.fileno()), str(os.getpid()),
                 json.dumps({"zygote_env": spec.zygote_env, "worker_ops": spec.worker_ops})],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                pass_fds=(theirs.fileno(),), cwd="/", env=env, start_new_session=True)
        finally:
            theirs.close()
        # A server answers at once (it forks, or it reaps a process that has ended). One that does not
        # was stopped (without root and namespaces a worker runs as this user and can signal it):
        # it is killed and replaced rather than waited for.
        self.sock.settimeout(ANSWER_WITHIN)
        self.lock = threading.Lock()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def _ask(self, msg: dict) -> dict:
        with self.lock:
            try:
                self.sock.send(json.dumps(msg).encode())
                data = self.sock.recv(1 << 16)
            except OSError as exc:
                self._end()
                raise ServerGone(f"the warm oracle's server did not answer ({exc or type(exc).__name__})") from exc
        if not data:
            self._end()
            raise ServerGone("the warm oracle's server is gone")
        return json.loads(data)

    def _end(self) -> None:
        self.proc.kill()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass

    def launch(self, args: list[str], env: dict[str, str], cwd: str, log: str) -> OracleProcess:
        """Start an oracle with pytest's ``args`` (what follows ``python -I -m pytest``)."""
        reply = self._ask({"run": {"args": args, "env": env, "cwd": cwd, "log": log}})
        return OracleProcess(self, int(reply["pid"]))

    def reap(self, pid: int) -> int | None:
        try:
            return self._ask({"reap": pid, "timeout": 5})["status"]
        except ServerGone:
            return None

    def close(self) -> None:
        self.sock.close()  # the server kills its spare and exits
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Pool:
    """Up to ``size`` servers, made as grading threads first need them; each thread holds one while it
    grades a submission."""

    def __init__(self, spec: Spec, size: int) -> None:
        self.spec, self.size = spec, size
        self.free: queue.SimpleQueue[Server] = queue.SimpleQueue()
        self.all: list[Server] = []
        self.lock = threading.Lock()
        self.closed = False

    @contextlib.contextmanager
    def server(self) -> Iterator[Server]:
        try:
            server = self.free.get_nowait()
        except queue.Empty:
            server = None
        if server is None or not server.alive():
            if server is not None:
                server.close()
            with self.lock:
                if self.closed:
                    raise ServerGone("the class run is over")
                server = Server(self.spec)
                self.all.append(server)
        try:
            yield server
        finally:
            self.free.put(server)

    def close(self) -> None:
        with self.lock:
            self.closed = True
            servers, self.all = self.all, []
        for server in servers:
            server.close()

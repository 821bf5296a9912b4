"""Start and stop the sandboxed worker process (oracle side).

The isolation itself happens inside the worker (:mod:`grader.sandbox._worker`), before
it touches student code; this module runs the fork server (:class:`Zygote`),
chooses the policy and passes it to each new worker, captures the worker's
output with a size cap, and kills the worker's whole process tree.

Killing the tree: as root the worker's real child is PID 1 of its own PID
namespace and dies with its parent (``PR_SET_PDEATHSIG``), which makes the kernel
kill everything in the namespace, ``setsid`` children included. Without root the
oracle is a child subreaper (``PR_SET_CHILD_SUBREAPER``), so orphans of a killed
worker are reparented to it and :func:`sweep_orphans` kills them.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from grader.sandbox import codec
from grader.sandbox.procs import LIVE_WORKERS, ONE_THREAD_ENV, sweep_orphans
from grader.sandbox.waits import wait_pid


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 1024
    cpu_seconds: int = 60
    file_size_mb: int = 16
    max_processes: int = 256
    output_kb: int = 16


@dataclass(frozen=True)
class Policy:
    """What the worker may do. ``uid`` (a lease from :mod:`grader.sandbox.uids`) is used only when the grader
    runs as root: the submission's own uid, shared with no other submission."""

    limits: Limits = field(default_factory=Limits)
    uid: int | None = None
    hide: tuple[str, ...] = ()  # folders the worker must not see (covered in its mount namespace)
    keep: tuple[str, ...] = ()  # folders inside ``hide`` it still needs (the grader's own package)
    namespaces: bool = True  # False: as root, only the uid switch (what a container without CAP_SYS_ADMIN allows)
    disk_mb: int = 100  # the submission's copy as a whole (a tmpfs of this size in namespace mode)


def scrubbed_env(home: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The worker's whole environment: nothing inherited (no tokens, no secrets); ``extra`` is what
    the assignments' kits set (``WORKER_ENV``: a library's log level), never the TA's environment."""
    return {
        **(extra or {}),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        **ONE_THREAD_ENV,  # one student's call gets one core, whatever else runs
        "MPLBACKEND": "Agg",  # a student's plot never opens a window
    }


def oom_kills() -> int:
    """How many processes the kernel's OOM killer has killed since boot (``/proc/vmstat``; 0 if unknown).
    A worker that dies of SIGKILL while this rises was most likely killed for the machine's memory,
    not by its own code: the grader's problem, not the student's."""
    try:
        with open("/proc/vmstat", "rb") as f:
            for line in f:
                if line.startswith(b"oom_kill "):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class OutputBuffer:
    """The worker's stdout+stderr, read without blocking, keeping at most ``cap`` bytes per window.

    Pumped by the oracle while it waits for a reply (so a chatty worker never
    blocks on a full pipe) and once more after each reply. The worker flushes
    its streams before replying, so everything a call printed is here by then.
    """

    def __init__(self, fd: int, cap: int) -> None:
        self.fd, self.cap = fd, cap
        os.set_blocking(fd, False)
        self.buf = bytearray()
        self.dropped = 0
        self.closed = False

    def pump(self) -> bool:
        """Read what is there; False once the output has ended (and its fd is closed)."""
        while not self.closed:
            try:
                chunk = os.read(self.fd, 65536)
            except BlockingIOError:
                return True
            except OSError:
                chunk = b""
            if not chunk:
                self.close()
                return False
            room = self.cap - len(self.buf)
            if room > 0:
                self.buf += chunk[:room]
            self.dropped += max(0, len(chunk) - max(room, 0))
        return False

    def take(self) -> tuple[str, int]:
        """Return (text, bytes dropped) captured since the last call."""
        self.pump()
        text = self.buf.decode("utf-8", errors="replace")
        dropped = self.dropped
        self.buf = bytearray()
        self.dropped = 0
        return text, dropped

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            os.close(self.fd)


class _Forked:
    """What :class:`Zygote` needs of a ``Popen``, for a zygote this process forked (:func:`prefork`)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            code = wait_pid(self.pid, 1e9 if timeout is None else timeout)
            if code is None:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            self.returncode = code
        return self.returncode

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass


_SPARE: tuple[tuple[str, str], socket.socket, _Forked] | None = None


def _spare_key(env: dict[str, str] | None, worker_ops: dict[str, str] | None) -> tuple[str, str]:
    return json.dumps(env or {}, sort_keys=True), json.dumps(worker_ops or {}, sort_keys=True)


def prefork(env: dict[str, str] | None, worker_ops: dict[str, str] | None) -> None:
    """Fork this process's zygote now, for the next :class:`Zygote` with the same ``env`` and
    ``worker_ops`` to take instead of starting an interpreter (the warm oracle,
    :mod:`grader.oracle.warm`, calls it before it is given a submission).

    Safe only in a process that holds nothing a student may not read: the workers are forks of the
    zygote, so everything in this process's memory is in theirs. The warm oracle calls it before it
    has read its request (no course path, no grading.yml, no hidden suite, no reference imported), with
    one thread. The child keeps one descriptor (its socket), gets the scrubbed environment and ``/`` as
    its folder, and becomes :func:`grader.sandbox._worker.zygote`, exactly as a started one."""
    global _SPARE
    sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    oracle = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child ends in os._exit
        try:
            keep = theirs.fileno()
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            os.closerange(3, keep)
            os.closerange(keep + 1, 1 << 16)
            os.setsid()
            os.chdir("/")
            os.environ.clear()
            os.environ.update(scrubbed_env("/", env))
            from grader.sandbox import _worker

            _worker.zygote(keep, oracle, dict(worker_ops or {}))
        finally:
            os._exit(0)
    theirs.close()
    LIVE_WORKERS.add(pid)
    _SPARE = (_spare_key(env, worker_ops), sock, _Forked(pid))


class Zygote:
    """The fork server (see :func:`grader.sandbox._worker.zygote`): spawning a worker costs a fork,
    not an interpreter start and a numpy import."""

    proc: subprocess.Popen | _Forked

    def __init__(self, cwd: str, env: dict[str, str] | None = None, worker_ops: dict[str, str] | None = None) -> None:
        """``env``: the kits' ``WORKER_ENV``; ``worker_ops``: each kit's worker-operation module by kit
        name (``kits.worker_ops_modules()``), imported by the zygote before any isolation. A zygote
        :func:`prefork` made for the same ``env`` and ``worker_ops`` is taken instead of starting one."""
        global _SPARE
        if _SPARE is not None and _SPARE[0] == _spare_key(env, worker_ops):
            _, self.sock, self.proc = _SPARE
            _SPARE = None
            return
        self.sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        ops = [f"{kit}={module}" for kit, module in (worker_ops or {}).items()]
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-m", "grader.sandbox._worker", str(theirs.fileno()), str(os.getpid()), *ops],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                pass_fds=(theirs.fileno(),), cwd=cwd, env=scrubbed_env(cwd, env), start_new_session=True,
            )
        finally:
            theirs.close()
        LIVE_WORKERS.add(self.proc.pid)

    def fork(self, init: dict, fds: list[int]) -> int:
        socket.send_fds(self.sock, [json.dumps({"fork": init}).encode()], fds)
        return int(self._reply()["pid"])

    def wait(self, pid: int, timeout: float) -> int | None:
        """Reap worker ``pid`` (a child of the zygote); its exit code, or None if still running."""
        try:
            self.sock.send(json.dumps({"wait": pid, "timeout": timeout}).encode())
            return self._reply()["status"]
        except (OSError, ValueError, KeyError):
            return None

    def _reply(self) -> dict:
        data = self.sock.recv(65536)
        if not data:
            raise OSError("the zygote exited")
        return json.loads(data)

    def close(self) -> None:
        self.sock.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        LIVE_WORKERS.discard(self.proc.pid)


class WorkerProcess:
    """One running worker: its pid, its RPC pipe ends, and its captured output."""

    def __init__(self, zygote: Zygote, policy: Policy, workdir: str, paths: list[str]) -> None:
        to_worker_r, to_worker_w = os.pipe()
        from_worker_r, from_worker_w = os.pipe()
        out_r, out_w = os.pipe()
        self.zygote = zygote
        as_root = os.geteuid() == 0 and policy.uid is not None
        init = {
            "workdir": workdir,
            "paths": paths,
            "limits": {
                "memory_mb": policy.limits.memory_mb,
                "cpu_seconds": policy.limits.cpu_seconds,
                "file_size_mb": policy.limits.file_size_mb,
                "max_processes": policy.limits.max_processes,
            },
            "isolate": {"uid": policy.uid if as_root else None, "gid": policy.uid if as_root else None,
                        "hide": list(policy.hide), "keep": list(policy.keep), "namespaces": policy.namespaces,
                        "disk_mb": policy.disk_mb},
        }
        self.oom_kills = oom_kills()
        try:
            self.pid = zygote.fork(init, [to_worker_r, from_worker_w, out_w])
        finally:
            for fd in (to_worker_r, from_worker_w, out_w):
                os.close(fd)
        self.wfd, self.rfd = to_worker_w, from_worker_r
        self.output = OutputBuffer(out_r, policy.limits.output_kb * 1024)
        self.returncode: int | None = None

    def wait_ready(self, deadline: float) -> dict:
        msg = codec.recv_frame(self.rfd, deadline, self.side)
        if "fatal" in msg:
            raise codec.CodecError(f"sandbox set-up failed: {msg['fatal']}")
        if "ready" not in msg:
            raise codec.CodecError("worker did not report ready")
        return msg["ready"]

    @property
    def side(self) -> tuple[int, Callable[[], bool]] | None:
        return None if self.output.closed else (self.output.fd, self.output.pump)

    def _wait(self, timeout: float) -> int | None:
        if self.returncode is None:
            self.returncode = self.zygote.wait(self.pid, timeout)
        return self.returncode

    def exit_description(self) -> str:
        """Why the worker ended (call after it closed its pipe): ``exit code N`` or ``signal NAME``
        exactly as the student's process ended (a namespaced worker relays its status, signal included),
        ``out of memory`` when it died of SIGKILL while the kernel's OOM killer was at work, or
        ``unresponsive``."""
        code = self._wait(2)
        if code is None:
            return "unresponsive"
        if code < 0:
            if code == -signal.SIGKILL and oom_kills() > self.oom_kills:
                return "out of memory"
            return f"signal {signal.Signals(-code).name}" if -code in signal.valid_signals() else f"signal {-code}"
        return f"exit code {code}"

    def kill(self) -> None:
        for sig_target in (lambda: os.killpg(self.pid, signal.SIGKILL), lambda: os.kill(self.pid, signal.SIGKILL)):
            try:
                sig_target()
            except OSError:
                pass
        self._wait(5)
        for fd in (self.wfd, self.rfd):
            try:
                os.close(fd)
            except OSError:
                pass
        sweep_orphans()
        self.output.pump()

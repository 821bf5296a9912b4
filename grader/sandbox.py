"""Start and stop the sandboxed worker process (oracle side).

The isolation itself happens inside the worker (:mod:`grader._worker`), before
it touches student code; this module chooses the policy, passes it in the init
frame, drains the worker's output with a size cap, and kills the worker's whole
process tree.

Killing the tree: as root the worker's real child is PID 1 of its own PID
namespace and dies with its parent (``PR_SET_PDEATHSIG``), which makes the kernel
kill everything in the namespace, ``setsid`` children included. Without root the
oracle is a child subreaper (``PR_SET_CHILD_SUBREAPER``), so orphans of a killed
worker are reparented to it and :func:`sweep_orphans` kills them.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Callable

from grader import codec
from grader.procs import LIVE_WORKERS, sweep_orphans



@dataclass(frozen=True)
class Limits:
    memory_mb: int = 1024
    cpu_seconds: int = 60
    file_size_mb: int = 16
    max_processes: int = 256
    output_kb: int = 16


@dataclass(frozen=True)
class Policy:
    """What the worker may do. ``user`` is used only when the grader runs as root."""

    limits: Limits = field(default_factory=Limits)
    user: str | None = "nobody"
    hide: tuple[str, ...] = ()


def scrubbed_env(home: str) -> dict[str, str]:
    """The worker's whole environment: nothing inherited (no tokens, no secrets)."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "MPLBACKEND": "Agg",
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }


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

    def pump(self) -> None:
        while not self.closed:
            try:
                chunk = os.read(self.fd, 65536)
            except BlockingIOError:
                return
            except OSError:
                chunk = b""
            if not chunk:
                self.close()
                return
            room = self.cap - len(self.buf)
            if room > 0:
                self.buf += chunk[:room]
            self.dropped += max(0, len(chunk) - max(room, 0))

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


class WorkerProcess:
    """One running worker: its process, its RPC pipe ends, and its output drain."""

    def __init__(self, policy: Policy, workdir: str, paths: list[str]) -> None:
        to_worker_r, to_worker_w = os.pipe()
        from_worker_r, from_worker_w = os.pipe()
        out_r, out_w = os.pipe()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-m", "grader._worker", str(to_worker_r), str(from_worker_w)],
                stdin=subprocess.DEVNULL, stdout=out_w, stderr=out_w,
                pass_fds=(to_worker_r, from_worker_w), cwd=workdir,
                env=scrubbed_env(workdir), start_new_session=True, close_fds=True,
            )
        finally:
            for fd in (to_worker_r, from_worker_w, out_w):
                os.close(fd)
        self.wfd, self.rfd = to_worker_w, from_worker_r
        LIVE_WORKERS.add(self.proc.pid)
        self.output = OutputBuffer(out_r, policy.limits.output_kb * 1024)
        as_root = os.geteuid() == 0 and policy.user is not None
        init = {
            "parent_pid": os.getpid(),
            "workdir": workdir,
            "paths": paths,
            "limits": {
                "memory_mb": policy.limits.memory_mb,
                "cpu_seconds": policy.limits.cpu_seconds,
                "file_size_mb": policy.limits.file_size_mb,
                "max_processes": policy.limits.max_processes,
            },
            "isolate": {"user": policy.user if as_root else None, "hide": list(policy.hide)},
        }
        codec.send_frame(self.wfd, init)
        self.info: dict = {}

    def wait_ready(self, deadline: float) -> dict:
        msg = codec.recv_frame(self.rfd, deadline, self.side)
        if "ready" not in msg:
            raise codec.CodecError("worker did not report ready")
        self.info = msg["ready"]
        return self.info

    @property
    def side(self) -> tuple[int, Callable[[], None]] | None:
        return None if self.output.closed else (self.output.fd, self.output.pump)

    def exit_description(self) -> str:
        """Best-effort reason the worker ended (call after it closed its pipe)."""
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "unresponsive"
        if code < 0:
            return f"signal {signal.Signals(-code).name}" if -code in signal.valid_signals() else f"signal {-code}"
        if code > 128:  # the outer worker mirrors its namespaced child's exit
            sig = code - 128
            return f"signal {signal.Signals(sig).name}" if sig in signal.valid_signals() else f"exit code {code}"
        return f"exit code {code}"

    def kill(self) -> None:
        for target in (lambda: os.killpg(self.proc.pid, signal.SIGKILL), lambda: self.proc.kill()):
            try:
                target()
            except (ProcessLookupError, PermissionError, OSError):
                pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for fd in (self.wfd, self.rfd):
            try:
                os.close(fd)
            except OSError:
                pass
        LIVE_WORKERS.discard(self.proc.pid)
        sweep_orphans(exclude={self.proc.pid})
        self.output.pump()

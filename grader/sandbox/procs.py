"""Process hygiene for the grader's own processes (no numpy: the CLI imports this early).

* :func:`protect_self` makes a process non-dumpable, so a worker running as the
  same user (when the grader is not root) can neither ptrace it nor read its
  ``/proc/PID/environ``;
* :func:`wait_exit` waits for a child with a time limit and no polling;
* :func:`become_subreaper` makes orphans of killed workers (children that
  called ``setsid``) reparent to the oracle, where :func:`sweep_orphans` kills them.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import time
from collections.abc import Container

from grader.sandbox.waits import wait_pid

PR_SET_NAME = 15
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
_libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
LIVE_WORKERS: set[int] = set()  # pids of workers still in use; never swept

# One BLAS/OpenMP thread for the oracle and the sandbox (zygote, workers). The oracle's own
# numpy work is small (expected values, comparisons): a BLAS thread pool there only spun, 0.1 s
# of CPU per submission on another core (15% of the oracle's CPU), which a class graded on
# every core pays in throughput. The trusted trainer (a06), which does real work, runs without.
ONE_THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def protect_self() -> None:
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def name_self(name: str) -> None:
    """This process's name in ``ps``, ``top`` and ``/proc/PID/comm`` (15 bytes at most). A process forked
    from a warm oracle shares its command line, so the name is what tells a TA (and the toolkit's
    tests) which is the oracle, the zygote and a worker."""
    _libc.prctl(PR_SET_NAME, name.encode()[:15], 0, 0, 0)


def become_subreaper() -> None:
    _libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def _children_of(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            out.append(int(entry))
    return out


def sweep_orphans(exclude: Container[int] = frozenset(), rounds: int = 20) -> None:
    """Kill and reap our children that are not live workers (orphans reparented to us)."""
    me = os.getpid()
    for _ in range(rounds):
        kids = [p for p in _children_of(me) if p not in LIVE_WORKERS]
        if not kids:
            return
        for pid in kids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
            if pid not in exclude:
                try:
                    os.waitpid(pid, 0)
                except ChildProcessError:
                    pass
        time.sleep(0.01)


def reap_ended(keep: Container[int]) -> None:
    """Reap our children that have ended, except ``keep`` (pids another part of us waits for):
    a subreaper's orphans, which would stay zombies until it exits."""
    for pid in _children_of(os.getpid()):
        if pid not in keep:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass


def wait_exit(proc: subprocess.Popen, timeout: float) -> bool:
    """Wait up to ``timeout`` s for ``proc`` to end; True when it has (and is reaped).
    Wakes the moment it ends (:func:`grader.sandbox.waits.wait_pid`), unlike ``Popen.wait(timeout)``."""
    code = wait_pid(proc.pid, timeout)
    if code is None:
        return proc.poll() is not None  # reaped elsewhere meanwhile: Popen records it
    proc.returncode = code
    return True

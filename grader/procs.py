"""Process hygiene for the grader's own processes (no numpy: the CLI imports this early).

* :func:`protect_self` makes a process non-dumpable, so a worker running as the
  same user (when the grader is not root) can neither ptrace it nor read its
  ``/proc/PID/environ``;
* :func:`become_subreaper` makes orphans of killed workers (children that
  called ``setsid``) reparent to the oracle, where :func:`sweep_orphans` kills them.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import time

PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
_libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
LIVE_WORKERS: set[int] = set()  # pids of workers still in use; never swept


def protect_self() -> None:
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


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


def sweep_orphans(exclude: set[int] = frozenset(), rounds: int = 20) -> None:
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

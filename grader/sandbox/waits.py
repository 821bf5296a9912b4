"""Waiting for a child process to end, with a time limit and without polling.

Shared by the oracle (:func:`grader.sandbox.procs.wait_exit`, for its Popen children) and
the zygote (:mod:`grader.sandbox._worker`, which reaps the workers it forked), so it
imports the standard library only.

``Popen.wait(timeout)`` and a ``waitpid(WNOHANG)`` loop both poll (Popen sleeps
up to 50 ms between checks), so a child that ends is noticed late: per
submission graded, a gap in which no core works. A pidfd becomes readable the
moment the child ends (Linux 5.3+); elsewhere this falls back to polling every 5 ms.
"""
from __future__ import annotations

import os
import select
import time


def wait_pid(pid: int, timeout: float) -> int | None:
    """Reap child ``pid`` within ``timeout`` s: its exit code (negative: the signal), or
    None when it is still running or is not our child."""
    try:
        fd: int | None = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                done, raw = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                return None
            if done:
                return os.waitstatus_to_exitcode(raw)
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            if fd is not None:
                select.select([fd], [], [], left)
            else:
                time.sleep(min(0.005, left))
    finally:
        if fd is not None:
            os.close(fd)

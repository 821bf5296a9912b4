"""Sandbox uids: each submission graded as root gets a uid of its own, leased for its grading.

Why not one shared account (``nobody``): every process of a uid counts against that
uid's ``RLIMIT_NPROC``, and a process may signal every other process of its uid. With
one account for all, a student holding a few hundred threads made another student's
TensorFlow fail to start, and without namespaces one ``kill(-1, SIGKILL)`` ended every
submission graded beside it. A uid per submission confines both to the student.

A lease is an exclusive ``flock`` on ``<lock dir>/<uid>`` (root's own folder), taken
by the ``grade`` process for one submission and released when its grading ends (or,
should ``grade`` be killed, when the kernel closes the file). Taking a lease first
*sweeps* the uid: every process still running as it is killed and its files in the
world-writable folders are removed, so whatever a killed run left behind never meets
the next submission. Releasing sweeps again.

The uids need no ``/etc/passwd`` entry (root may switch to any number); the default
range (``sandbox.uids`` in grading.yml) lies in the block systemd leaves unused
(1879048192-2147483647), far from accounts and container ranges.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_FIRST = 2_000_000_000
DEFAULT_COUNT = 1000
# The folders any user may write into on a Debian-like system. In namespace mode the sandbox sees
# all of them read-only or covered; without namespaces, what a uid left in them is removed.
WORLD_WRITABLE = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/dev/mqueue")


class LeaseError(RuntimeError):
    """No uid could be leased (all in use, or the lock folder is not safe)."""


def lock_dir() -> Path:
    """A folder only root can write: ``/run/dlgrader-uids`` (else under the temp folder), checked."""
    for base in (Path("/run"), Path(tempfile.gettempdir())):
        if not base.is_dir():
            continue
        d = base / "dlgrader-uids"
        try:
            d.mkdir(mode=0o700, exist_ok=True)
            st = os.lstat(d)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode) and st.st_uid == 0 and not st.st_mode & 0o022:
            return d
    raise LeaseError("no safe folder for sandbox uid leases (tried /run/dlgrader-uids and the temp folder's)")


@dataclass
class Lease:
    uid: int
    fd: int

    @property
    def gid(self) -> int:
        return self.uid

    def release(self) -> None:
        """Sweep the uid (processes, then files) and give it back."""
        if self.fd < 0:
            return
        try:
            sweep(self.uid)
        finally:
            os.close(self.fd)
            self.fd = -1


def acquire(first: int = DEFAULT_FIRST, count: int = DEFAULT_COUNT) -> Lease:
    """Lease the lowest free uid of ``first .. first + count - 1`` and sweep it before use."""
    folder = lock_dir()
    for uid in range(first, first + count):
        fd = os.open(folder / str(uid), os.O_CREAT | os.O_RDWR | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        sweep(uid)
        return Lease(uid, fd)
    raise LeaseError(f"all {count} sandbox uids ({first}-{first + count - 1}) are in use; "
                     "grade fewer submissions at once or widen sandbox.uids in grading.yml")


def leased(uid: int) -> bool:
    """Whether some grading run holds ``uid``'s lease right now (its lock is taken)."""
    try:
        fd = os.open(lock_dir() / str(uid), os.O_RDONLY | os.O_CLOEXEC)
    except (OSError, LeaseError):
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def live_uids() -> Iterator[tuple[int, list[int]]]:
    """(pid, its real, effective, saved and file-system uids) for every live (not zombie) process.
    Read from ``/proc/PID/status``, not the owner of ``/proc/PID``, which a process can turn into
    root's by making itself undumpable."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", "rb") as f:
                text = f.read()
        except OSError:
            continue
        fields = dict(line.split(b":", 1) for line in text.splitlines() if b":" in line)
        if not fields.get(b"State", b"").strip().startswith(b"Z"):
            yield int(entry), [int(v) for v in fields.get(b"Uid", b"").split()]


def processes_of(uid: int) -> list[int]:
    """Live processes with ``uid`` as any of their uids."""
    return [pid for pid, ids in live_uids() if uid in ids]


def kill_all(uid: int, rounds: int = 50) -> bool:
    """Kill every process of ``uid``; True when none is left. ``kill(-1, SIGKILL)`` sent *as* that uid
    reaches exactly its processes (forks racing the first round are caught by the next)."""
    for _ in range(rounds):
        if not processes_of(uid):
            return True
        try:
            subprocess.run(["/bin/sh", "-c", "kill -9 -1"], user=uid, group=uid, extra_groups=[], env={},
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=5, check=False)
        except (OSError, subprocess.SubprocessError):
            pass
        time.sleep(0.005)
    return not processes_of(uid)


def owned_entries(owners: set[int], roots: tuple[str, ...] | None = None) -> Iterator[tuple[str, os.stat_result]]:
    """Every entry one of ``owners`` created in the world-writable folders: (path, its lstat).

    A uid can only create entries where it may write: in world-writable folders or in folders
    it owns. So the walk descends only into world-writable folders owned by someone else (an
    owner's own folder is yielded whole, not entered), which keeps it quick on a crowded /tmp.
    """
    if roots is None:  # and the workers' copies without namespaces (grader.oracle.plugin.sandbox_workroot)
        roots = (*WORLD_WRITABLE, tempfile.gettempdir(), os.path.join(tempfile.gettempdir(), "dlgrader-sandbox"))
    seen: set[str] = set()
    stack = [r for r in dict.fromkeys(roots) if os.path.isdir(r) and not os.path.islink(r)]
    while stack:
        folder = stack.pop()
        real = os.path.realpath(folder)
        if real in seen:
            continue
        seen.add(real)
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for e in entries:
            try:
                st = e.stat(follow_symlinks=False)
            except OSError:
                continue
            if st.st_uid in owners:
                yield e.path, st
            elif stat.S_ISDIR(st.st_mode) and st.st_mode & stat.S_IWOTH:
                stack.append(e.path)


def remove_files(uid: int, roots: tuple[str, ...] | None = None) -> int:
    """Remove what ``uid`` created in the world-writable folders (:func:`owned_entries`: its folders
    whole; ``shutil.rmtree`` does not follow links); the count of entries removed."""
    removed = 0
    for path, st in list(owned_entries({uid}, roots)):
        try:
            if stat.S_ISDIR(st.st_mode):
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.unlink(path)
            removed += 1
        except OSError:
            pass
    return removed


def sweep(uid: int) -> None:
    kill_all(uid)
    remove_files(uid)

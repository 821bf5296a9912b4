"""How a forked worker isolates itself before it touches student code (standard library only).

:func:`isolate` runs in the worker the zygote forked and returns in the process
that will import and run student code. What it builds depends on the mode the
oracle chose (``init["isolate"]``) and on what the kernel allows:

* **root, namespaces** (the normal mode). New mount, network, PID, IPC and UTS
  namespaces. The worker forks the namespace's *init* (PID 1), which is grader
  code only and stays root: it makes every mount read-only, covers what the
  student must not read (the course folder, other submissions, the data sets,
  ``/tmp``) with empty tmpfs mounts, puts the submission's copy on a tmpfs of
  ``disk_mb``, and forks the student's process, which drops to the submission's
  own uid (a lease from :mod:`grader.sandbox.uids`) and sets its death signal *after*
  the drop (the kernel clears it on a credential change). Init reaps orphans
  and, when the student's process ends, reports its exact wait status to the
  outer worker and exits; the kernel then kills whatever is left in the
  namespace. Nothing in the chain zygote -> outer worker -> init runs student
  code or can be signalled by it, and each dies with its parent, so nothing of
  the sandbox outlives its oracle whatever the student does.
* **root, no namespaces** (a container without ``CAP_SYS_ADMIN``, or
  ``sandbox: {namespaces: false}``): the worker drops to the submission's uid;
  what it must not read is protected by permissions (:mod:`grader.sandbox.uids` checks
  them before any worker starts) and its leftovers are swept by uid.
* **not root**: an unprivileged user namespace with an empty network namespace
  and, where the kernel allows it, a PID namespace with the same init split;
  the student's process has every capability dropped. The student runs as the
  TA's own uid, so nothing is hidden (docs/security.md).

Every mode then applies rlimits and ``PR_SET_NO_NEW_PRIVS`` (:func:`apply_limits`).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import platform
import resource
import select
import shutil
import signal
import stat
import struct
import sys
import tempfile
from typing import Any

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
ROOT_NAMESPACES = CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MS_NOSUID = 2
MS_NODEV = 4
MNT_DETACH = 2
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_NO_NEW_PRIVS = 38
AT_FDCWD = -100
AT_RECURSIVE = 0x8000
MOUNT_ATTR_RDONLY = 1
SYS_MOUNT_SETATTR = 442  # the same number on every architecture (syscalls added after 424 are unified)
SYS_CAPSET = {"x86_64": 126, "aarch64": 91}.get(platform.machine())
# World-writable places that stay writable when a read-only remount is not available (kernel < 5.12).
WRITABLE_FALLBACK = ("/var/tmp", "/run/lock", "/var/lock", "/dev/mqueue")

_libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
_libc.syscall.restype = ctypes.c_long


class _MountAttr(ctypes.Structure):
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]


def _check(rc: int, what: str) -> None:
    if rc != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None) -> None:
    enc = lambda s: None if s is None else s.encode()  # noqa: E731
    _check(_libc.mount(enc(source), enc(target), enc(fstype), flags, enc(data)), f"mount {target}")


def die_with_parent(parent: int | None = None) -> None:
    """``PR_SET_PDEATHSIG`` = SIGKILL, then make sure the parent did not die before it took effect.

    Call it after the last credential change: the kernel clears the setting when the uid changes.
    """
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os._exit(3)


# ------------------------------------------------------------------ mounts (root, in the namespace's init)
def _make_readonly() -> bool:
    """Every mount in this namespace read-only (one recursive ``mount_setattr``); False where unsupported."""
    attr = _MountAttr(MOUNT_ATTR_RDONLY, 0, 0, 0)
    return _libc.syscall(SYS_MOUNT_SETATTR, AT_FDCWD, b"/", AT_RECURSIVE, ctypes.byref(attr),
                         ctypes.sizeof(attr)) == 0


def _cover(directory: str, keep: list[str], mode: str, stage: str) -> None:
    """Cover ``directory`` with an empty tmpfs, leaving only the ``keep`` paths visible (bound back
    from ``stage``, a bind of the original). Used both to hide (tests/, reference/, other submissions)
    and to reveal exactly the needed children of a folder the sandbox uid cannot traverse (a Python
    installed under ``/root``)."""
    os.makedirs(stage, exist_ok=True)
    _mount(directory, stage, None, MS_BIND | MS_REC, None)
    # A path under another kept path is visible through that one's bind (which is read-only).
    keep = [k for k in keep if not any(_under(k, other) and k != other for other in keep)]
    try:
        _mount("tmpfs", directory, "tmpfs", MS_NOSUID | MS_NODEV, f"mode={mode},size=64m")
        for path in keep:
            rel = os.path.relpath(path, directory)
            target = os.path.join(directory, rel)
            source = os.path.join(stage, rel)
            if os.path.isdir(source):
                os.makedirs(target, exist_ok=True)
            else:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                open(target, "a").close()
            for parent in _parents_between(directory, target):
                os.chmod(parent, 0o755)
            _mount(source, target, None, MS_BIND | MS_REC, None)
    finally:
        _libc.umount2(stage.encode(), MNT_DETACH)


def _parents_between(top: str, path: str) -> list[str]:
    out = []
    p = os.path.dirname(path)
    while len(p) > len(top):
        out.append(p)
        p = os.path.dirname(p)
    return out


def _under(path: str, directory: str) -> bool:
    return path == directory or path.startswith(directory.rstrip("/") + "/")


def plan_covers(needed: list[str], hide: list[str], uid: int) -> list[tuple[str, list[str], str]]:
    """Which directories to cover, outermost first, with the needed paths to keep visible in each."""
    covers: dict[str, str] = {}
    for d in hide:
        if os.path.isdir(d) and d not in needed:
            covers[d] = "1777" if d in ("/tmp", "/dev/shm") else "0755"
    for n in needed:
        parts = n.split("/")
        for i in range(2, len(parts)):
            d = "/".join(parts[:i])
            try:
                st = os.stat(d)
            except OSError:
                break
            if not (st.st_mode & stat.S_IXOTH) and st.st_uid != uid:
                covers.setdefault(d, "0711")
                break
    plan = []
    for d in sorted(covers, key=lambda p: p.count("/")):
        keep = [n for n in needed if _under(n, d) and n != d]
        plan.append((d, keep, covers[d]))
    return plan


def _root_mounts(init: dict, uid: int, gid: int) -> bool:
    """The namespace's file system view (run as root in init). Returns whether / became read-only."""
    iso = init["isolate"]
    workdir = os.path.realpath(init["workdir"])
    _mount(None, "/", None, MS_REC | MS_PRIVATE, None)
    stage = tempfile.mkdtemp(prefix=".dlgrader-stage-", dir="/dev")  # made while /dev is still writable
    readonly = _make_readonly()
    _mount("tmpfs", stage, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0700,size=1m")
    original = os.path.join(stage, "work")
    os.mkdir(original)
    _mount(workdir, original, None, MS_BIND | MS_REC, None)  # before a cover hides where it lives
    needed = sorted({os.path.realpath(p) for p in [*sys.path, *iso.get("keep", [])] if p and os.path.exists(p)}
                    | {workdir, os.path.dirname(os.path.realpath(sys.executable))})
    hide = [os.path.realpath(h) for h in iso.get("hide", [])] + ["/tmp", "/dev/shm"]
    if not readonly:
        hide += [d for d in WRITABLE_FALLBACK if os.path.isdir(d) and not os.path.islink(d)]
    for i, (directory, keep, mode) in enumerate(plan_covers(needed, hide, uid)):
        if os.path.isdir(directory):
            _cover(directory, keep, mode, os.path.join(stage, f"c{i}"))
    # The copy on a tmpfs of its own: everything the student writes there is capped as a whole.
    _mount("tmpfs", workdir, "tmpfs", MS_NOSUID | MS_NODEV,
           f"mode=0700,uid={uid},gid={gid},size={int(iso.get('disk_mb', 100))}m")
    shutil.copytree(original, workdir, dirs_exist_ok=True, symlinks=True)
    _libc.umount2(original.encode(), MNT_DETACH)
    _chown_tree(workdir, uid, gid)
    try:
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV, None)  # the oracle's processes are invisible
    except OSError:
        pass
    return readonly


def _chown_tree(top: str, uid: int, gid: int) -> None:
    for root, dirs, files in os.walk(top):
        for name in dirs + files:
            os.lchown(os.path.join(root, name), uid, gid)
    os.chown(top, uid, gid)


def _become(uid: int, gid: int) -> None:
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)


# ------------------------------------------------------------------ the init split
def _relay(status: int) -> None:
    """End this process exactly as the student's process ended (signal or exit code)."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        try:
            signal.signal(sig, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, [sig])
        except (OSError, ValueError):
            pass
        os.kill(os.getpid(), sig)
        os._exit(128 + sig)
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


def _split(worker_fds: tuple[int, ...], setup: Any) -> None:
    """Fork the namespace's init (PID 1), run ``setup()`` in it, fork the student's process from it,
    and return in that process. The outer worker waits for init and relays the student's status."""
    status_r, status_w = os.pipe()
    alive_r, alive_w = os.pipe()
    init_pid = os.fork()
    if init_pid:  # the outer worker: hold nothing of the student's channels; wait and relay
        for fd in (status_w, alive_r, *worker_fds):
            os.close(fd)
        while True:
            try:
                _, status = os.waitpid(init_pid, 0)
                break
            except InterruptedError:
                continue
        raw = os.read(status_r, 16)
        _relay(struct.unpack("i", raw)[0] if len(raw) == 4 else status)
    os.close(status_r)
    os.close(alive_w)
    die_with_parent()
    if select.select([alive_r], [], [], 0)[0]:
        os._exit(3)  # the outer worker is already gone (its end of the pipe closed)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)  # PID 1 ignores what has no handler: the student cannot stop it
    setup()
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)  # no ptrace of init, even with the same uid
    student = os.fork()
    if student == 0:
        os.close(status_w)
        os.close(alive_r)
        return
    for fd in worker_fds:
        os.close(fd)
    while True:  # PID 1: reap every orphan; end with the student's process
        try:
            pid, status = os.waitpid(-1, 0)
        except InterruptedError:
            continue
        except ChildProcessError:
            os._exit(1)
        if pid == student:
            os.write(status_w, struct.pack("i", status))
            os._exit(0)


def _drop_capabilities() -> None:
    """No capability left, also inside the user namespace (the student must not ptrace or unmount)."""
    if SYS_CAPSET is None:
        return
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this thread
    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable x 2, all empty
    _libc.syscall(SYS_CAPSET, header, data)


# ------------------------------------------------------------------ entry point
def isolate(init: dict, worker_fds: tuple[int, ...], parent: int) -> dict:
    """Isolate as the mode allows; return (in the process that runs student code) what was done."""
    iso = init["isolate"]
    uid = iso.get("uid")
    if os.geteuid() == 0 and uid is not None:
        uid, gid = int(uid), int(iso.get("gid", uid))
        if iso.get("namespaces", True):
            # Required, never skipped silently: the oracle chose this mode, and only in the other one
            # did the grader hide the course folder by permissions (grader.sandbox.permissions).
            _check(_libc.unshare(ROOT_NAMESPACES), "unshare (the sandbox's namespaces)")
            box: dict[str, bool] = {}
            _split(worker_fds, lambda: box.update(readonly=_root_mounts(init, uid, gid)))
            _become(uid, gid)
            die_with_parent()  # after the uid change; init is the parent, and its death ends the namespace
            return {"mode": "namespaces", "uid": uid, "network": False, "pid_namespace": True, "hidden": True,
                    "namespaces": True, "readonly_root": box.get("readonly", False)}
        workdir = init["workdir"]
        _chown_tree(workdir, uid, gid)
        os.chmod(workdir, 0o700)
        parent_dir = os.path.dirname(workdir)
        while parent_dir not in ("/", ""):  # every folder on the way traversable (not listable)
            if not os.stat(parent_dir).st_mode & stat.S_IXOTH:
                os.chmod(parent_dir, os.stat(parent_dir).st_mode | stat.S_IXOTH)
            parent_dir = os.path.dirname(parent_dir)
        _become(uid, gid)
        die_with_parent(parent)
        return {"mode": "uid", "uid": uid, "network": True, "pid_namespace": False, "hidden": False,
                "namespaces": False, "readonly_root": False}
    return _isolate_unprivileged(worker_fds, parent)


def _isolate_unprivileged(worker_fds: tuple[int, ...], parent: int) -> dict:
    uid, gid = os.getuid(), os.getgid()
    info = {"mode": "user", "uid": uid, "network": True, "pid_namespace": False, "hidden": False,
            "namespaces": False, "readonly_root": False}
    for flags in (CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWPID, CLONE_NEWUSER | CLONE_NEWNET):
        if _libc.unshare(flags) == 0:
            try:
                with open("/proc/self/setgroups", "w") as f:
                    f.write("deny")
                with open("/proc/self/uid_map", "w") as f:
                    f.write(f"{uid} {uid} 1")
                with open("/proc/self/gid_map", "w") as f:
                    f.write(f"{gid} {gid} 1")
            except OSError:
                pass
            info["network"] = False
            if flags & CLONE_NEWPID:
                _split(worker_fds, lambda: None)
                info["pid_namespace"] = True
            _drop_capabilities()
            break
    die_with_parent(None if info["pid_namespace"] else parent)
    return info


def apply_limits(limits: dict, dedicated_uid: bool) -> None:
    """rlimits for the student's process (inherited by anything it starts)."""
    mb = 2**20

    def cap(res: int, soft: int, hard: int | None = None) -> None:
        try:
            resource.setrlimit(res, (soft, soft if hard is None else hard))
        except (ValueError, OSError):
            pass

    cap(resource.RLIMIT_AS, int(limits["memory_mb"]) * mb)
    cpu = int(limits["cpu_seconds"])
    cap(resource.RLIMIT_CPU, cpu, cpu + 5)
    cap(resource.RLIMIT_FSIZE, int(limits["file_size_mb"]) * mb)
    cap(resource.RLIMIT_NOFILE, 256)
    cap(resource.RLIMIT_CORE, 0)
    if os.getuid() != 0 and limits.get("max_processes"):
        # RLIMIT_NPROC counts every process of the real uid. A leased uid belongs to this submission
        # alone; as a non-root grader the uid is the TA's, so their own processes are added.
        own = 0 if dedicated_uid else _processes_of(os.getuid())
        cap(resource.RLIMIT_NPROC, own + int(limits["max_processes"]))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # over-size writes fail with EFBIG instead of killing
    _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)


def _processes_of(uid: int) -> int:
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry}/task"))
            except OSError:
                pass
    return count

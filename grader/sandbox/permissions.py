"""Without namespaces, what the sandbox uid must not read is protected by permissions.

In namespace mode the worker's mount namespace covers the course folder, the data
sets and the other submissions (:mod:`grader.sandbox._isolate`). A container without
``CAP_SYS_ADMIN`` (Gradescope's, a default Docker) or ``sandbox: {namespaces: false}``
has no mount namespace: a leased uid is an "other" user to every file, so the grader
(root) removes the others' permissions from what it must hide before any worker
starts, then checks, *as a sandbox uid*, that nothing of it can be read or traversed.
If something still can, grading refuses to start and says what and why.

Protected: the hidden suites (``tests/``), ``reference/``, grading.yml, the course's
git history (it holds the references too), every folder a data set is read from (a
student could otherwise look the test images up), and the folders holding the
submissions (the other students' work). The caller names them (``Config.private_paths``): the
sandbox knows no course and no kit.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

_NAMESPACES: bool | None = None
_DONE: set[str] = set()
_LOCK = threading.Lock()


class Exposed(RuntimeError):
    """A path the sandbox uid could still read; ``str()`` says which and what to do."""


def namespaces_available() -> bool:
    """Whether this machine lets root create the worker's namespaces (probed once, in a child)."""
    global _NAMESPACES
    if _NAMESPACES is None:
        from grader.sandbox._isolate import ROOT_NAMESPACES

        code = f"import ctypes, os; os._exit(0 if ctypes.CDLL(None).unshare({ROOT_NAMESPACES}) == 0 else 1)"
        try:
            _NAMESPACES = subprocess.run([sys.executable, "-I", "-c", code], timeout=30).returncode == 0
        except (OSError, subprocess.SubprocessError):
            _NAMESPACES = False
    return _NAMESPACES


def needed(namespaces: bool) -> bool:
    """True when permissions are the only wall: root, and no namespaces (``namespaces``: grading.yml's
    ``sandbox.namespaces``; or refused by the machine)."""
    return os.geteuid() == 0 and (not namespaces or not namespaces_available())


def sandbox_workroot() -> str:
    """Where the workers' copies live without namespaces: a root-owned folder others may traverse but
    not list (0711), so nothing of the grader's own scratch space has to be opened to the sandbox uid."""
    path = os.path.join(tempfile.gettempdir(), "dlgrader-sandbox")
    try:
        os.mkdir(path, 0o711)
    except FileExistsError:
        pass
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o022:
        raise Exposed(f"{path} is not a folder of the grader's own (another user made it): remove it")
    os.chmod(path, 0o711)
    return path


def sensitive(private: list[Path], submission_parents: list[Path]) -> list[Path]:
    paths = [*private, *submission_parents]
    return [p for p in dict.fromkeys(Path(os.path.realpath(p)) for p in paths) if p.exists() and str(p) != "/"]


def protect(paths: list[Path]) -> list[str]:
    """Remove the others' read/write/traverse permissions; the paths changed."""
    changed = []
    for p in paths:
        mode = os.lstat(p).st_mode
        if stat.S_ISLNK(mode) or not mode & 0o007:
            continue
        os.chmod(p, stat.S_IMODE(mode) & ~0o007)
        changed.append(str(p))
    return changed


def readable_by(uid: int, paths: list[Path]) -> list[str]:
    """The paths a process running as ``uid`` (no groups) can read, or traverse when a folder."""
    script = ('for p do if [ -d "$p" ]; then if [ -r "$p" ] || [ -x "$p" ]; then echo "$p"; fi; '
              'elif [ -r "$p" ]; then echo "$p"; fi; done')
    out = subprocess.run(["/bin/sh", "-c", script, "sh", *map(str, paths)], user=uid, group=uid, extra_groups=[],
                         env={}, capture_output=True, text=True, timeout=30, check=False)
    return [line for line in out.stdout.splitlines() if line]


def python_paths() -> list[Path]:
    """The Python installation a worker imports from (the standard library, site-packages), as
    ``sysconfig`` names it: not this process's ``sys.path``, which may hold a test run's folders."""
    import sysconfig

    found = (sysconfig.get_paths().get(k) for k in ("stdlib", "platstdlib", "purelib", "platlib"))
    return [Path(p) for p in dict.fromkeys(os.path.realpath(p) for p in found if p) if os.path.isdir(p)]


def ensure_hidden(private: list[Path], submission_parents: list[Path], uid: int) -> list[str]:
    """Protect and verify (once per path and process) ``private`` (the course's: ``Config.private_paths``)
    and ``submission_parents``; raise :class:`Exposed`; return what was changed.

    Also the converse: the sandbox uid must be able to read the Python installation, or every
    import the zygote did not do in advance (``import keras``, ``import glob``) would fail as if
    it were the student's mistake. Without namespaces nothing can re-expose a Python installed
    in a private folder (under ``/root``), so grading refuses to start instead.
    """
    with _LOCK:
        if "python" not in _DONE:
            paths = python_paths()
            hidden = [str(p) for p in paths if str(p) not in readable_by(uid, paths)]
            if hidden:
                raise Exposed(f"the sandbox uid {uid} cannot read the Python installation ({hidden[0]}): without "
                              "namespaces student code runs as another user, so install the grader where every "
                              "user may read it (e.g. a virtual environment under /opt), or grade with namespaces")
            _DONE.add("python")
        todo = [p for p in sensitive(private, submission_parents) if str(p) not in _DONE]
        if not todo:
            return []
        changed = protect(todo)
        still = readable_by(uid, todo)
        if still:
            raise Exposed(f"the sandbox uid {uid} can still read {still[0]}"
                          f"{f' (and {len(still) - 1} more)' if len(still) > 1 else ''}: without namespaces only "
                          "permissions hide the hidden tests, references and other submissions. Make it "
                          f"unreadable for other users (chmod o-rwx {still[0]}) or grade with namespaces")
        _DONE.update(str(p) for p in todo)
        return changed

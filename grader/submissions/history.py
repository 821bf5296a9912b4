"""A submission that is a git repository (a GitHub Classroom clone): its commits and their trees.

With deadlines, such a submission is graded commit by commit, not by its working tree: each
assignment at the commit ``late_policy.late`` picks (the latest, with the penalty; or the last one
at or before the deadline). Only the first-parent history of ``HEAD`` counts, with each commit's
committer date.

The repository is the student's, so git runs with every configuration key that could start a
program on ``log`` or ``archive`` overridden on the command line (which wins over the repository's
own ``.git/config``), without system or global configuration, hooks or a pager. The tree comes out
through ``git archive`` into a tar that Python unpacks with the ``data`` filter (no links out, no
devices, no absolute paths); the usual safe copy follows.

Commit dates are what the student's machine said: a student can forge them. What the grader can
see it reports (dates going backwards along the history, a commit dated after the clone), and the
README says what a TA should trust instead (the clone's own time, or the LMS's times file).
"""
from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from grader.submissions.discovery import MAX_BYTES, MAX_FILES

_SAFE = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "core.pager=cat",
         "-c", "core.sshCommand=false", "-c", "core.gitProxy=", "-c", "diff.external=",
         "-c", "core.alternateRefsCommand=", "-c", "protocol.allow=never", "-c", "safe.directory=*",
         "-c", "log.showSignature=false", "-c", "gpg.program=false", "-c", "core.untrackedCache=false")


class HistoryError(Exception):
    """The repository's history cannot be read; ``str()`` is one line."""


@dataclass(frozen=True)
class Commit:
    sha: str
    when: datetime  # the committer date, aware

    @property
    def short(self) -> str:
        return self.sha[:7]


def is_repository(path: Path) -> bool:
    """A clone: ``.git`` is a real folder. A ``.git`` file or link (``gitdir: ../someone-else/.git``)
    could name another student's history, so such a folder is graded as the plain folder it is."""
    git = path / ".git"
    return path.is_dir() and git.is_dir() and not git.is_symlink()


_home: tempfile.TemporaryDirectory | None = None


def _empty_home() -> str:
    """A private empty folder as git's HOME: no ~/.gitconfig of the grader's user, and not a shared
    path (under /tmp a student's code could plant a config there before git reads it)."""
    global _home
    if _home is None:
        _home = tempfile.TemporaryDirectory(prefix="dlgrader-git-home-")  # removed when the process ends
    return _home.name


def _git(repo: Path, *args: str, timeout: float = 60) -> bytes:
    home = _empty_home()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_CONFIG_GLOBAL": os.path.join(home, "gitconfig"), "GIT_TERMINAL_PROMPT": "0",
           "HOME": home, "XDG_CONFIG_HOME": home, "LC_ALL": "C", "GIT_NO_REPLACE_OBJECTS": "1"}
    try:
        r = subprocess.run(["git", *_SAFE, "-C", str(repo), "--no-pager", *args], capture_output=True, env=env,
                           timeout=timeout, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise HistoryError("git is not installed (needed to read a repository's commits)") from None
    except subprocess.TimeoutExpired:
        raise HistoryError(f"git {args[0]} took over {timeout:.0f} s") from None
    if r.returncode != 0:
        last = (r.stderr.decode("utf-8", "replace").strip().splitlines() or ["(no message)"])[-1]
        raise HistoryError(f"git {args[0]} failed: {last}")
    return r.stdout


def commits(repo: Path) -> list[Commit]:
    """HEAD's first-parent history, newest first. Empty for a repository without commits."""
    try:
        out = _git(repo, "log", "--first-parent", "--no-show-signature", "--format=%H %ct", "HEAD")
    except HistoryError as exc:
        if "does not have any commits" in str(exc) or "unknown revision" in str(exc) or "bad default" in str(exc):
            return []
        raise
    found = []
    for line in out.decode("ascii", "replace").splitlines():
        sha, _, stamp = line.partition(" ")
        found.append(Commit(sha, datetime.fromtimestamp(int(stamp), tz=timezone.utc)))
    return found


def pick(history: list[Commit], cutoff: datetime | None) -> Commit | None:
    """The newest commit at or before ``cutoff`` (the newest of all without one). Along the history,
    not by date alone: a commit whose date was set back does not bring its parents' trees forward."""
    for c in history:
        if cutoff is None or c.when <= cutoff:
            return c
    return None


def last_change(repo: Path, commit: Commit, paths: list[str]) -> Commit | None:
    """The newest commit, at or before ``commit`` on its first-parent history, that changed any of
    ``paths`` (an assignment's folder and files): when that assignment was handed in. In one
    repository for the whole course, a commit for a later lab must not make an earlier one late."""
    out = _git(repo, "log", "--first-parent", "--no-show-signature", "-n", "1", "--format=%H %ct", commit.sha, "--",
               *paths)
    line = out.decode("ascii", "replace").strip()
    if not line:
        return None
    sha, _, stamp = line.partition(" ")
    return Commit(sha, datetime.fromtimestamp(int(stamp), tz=timezone.utc))


def out_of_order(history: list[Commit]) -> list[Commit]:
    """Commits dated before their own parent: a rebase, a wrong clock, or a forged date."""
    return [c for c, parent in zip(history, history[1:]) if c.when < parent.when]


def cloned_at(repo: Path) -> datetime | None:
    """When the TA's clone last fetched (FETCH_HEAD, else HEAD's log): no commit can be newer."""
    for name in ("FETCH_HEAD", "logs/HEAD", "HEAD"):
        p = repo / ".git" / name
        if p.is_file():
            return datetime.fromtimestamp(p.stat().st_mtime, tz=timezone.utc)
    return None


def export(repo: Path, commit: Commit, dest: Path) -> tuple[Path, list[str]]:
    """The commit's tree as plain files in ``dest`` (created), for the usual safe copy; within the
    same limits as a zip (files, bytes), so a repository cannot fill the grader's disk. Entries the
    ``data`` filter refuses (a link leading out, an absolute path) are skipped and named, as for a zip."""
    tree = _git(repo, "ls-tree", "-r", "-l", "-z", commit.sha)
    entries = [e for e in tree.split(b"\0") if e]
    size = sum(int(f) for e in entries if (f := e.split(b"\t", 1)[0].split()[3]).isdigit())
    if len(entries) > MAX_FILES or size > MAX_BYTES:
        raise HistoryError(f"commit {commit.short}: {len(entries)} files, {size // 2**20} MiB: over the limit of "
                           f"{MAX_FILES} files or {MAX_BYTES // 2**20} MiB")
    data = _git(repo, "archive", "--format=tar", commit.sha, timeout=120)
    dest.mkdir(parents=True, exist_ok=False)
    skipped: list[str] = []
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for member in tar:
            try:
                tar.extract(member, dest, filter="data")
            except (tarfile.TarError, OSError) as exc:
                skipped.append(f"{member.name} ({type(exc).__name__})")
    return dest, skipped

"""A submission that is a git repository (a GitHub Classroom clone): its commits and their trees.

With deadlines, such a submission is graded commit by commit, not by its working tree: each
assignment at the commit where it was handed in (:mod:`grader.run.schedule` says which). Only the
first-parent history of ``HEAD`` counts, with each commit's committer date.

The repository is the student's, and the grader runs git on it as its own user (root on a
server), so nothing of the repository may steer git:

* :meth:`Repository.open` checks ``.git`` first (a real folder, no links or special files in it, no
  ``commondir``, object ``alternates`` or ``grafts`` that would read another student's history, a
  bounded number of entries) and refuses anything else with :class:`Refused` (the student's error,
  with a message naming the repository);
* git then reads a private git directory of the grader's: a copy of ``HEAD``, the refs and
  ``shallow``, a config of the grader's own, and the student's object store read through
  ``GIT_OBJECT_DIRECTORY``. The student's ``.git/config``, ``info/attributes``, hooks, replace refs,
  commit-graph and multi-pack-index are never read, so no filter, hook, pager or fsmonitor of theirs
  can run, and no forged commit-graph can change a date or a parent;
* a tree comes out as raw blobs (``ls-tree -r -z`` then ``cat-file --batch``), never through
  ``git archive``, attributes, filters or ``export-subst`` (a ``$Format:%B$`` placeholder would pull a
  commit message, written at any time, into the graded file). The limits on files and bytes apply
  while streaming; links, submodules and unsafe paths are skipped and named.

Commit dates are what the student's machine said: a student can forge them. What the grader can
see it reports (dates going backwards along the history, a commit dated after the clone), and
docs/term.md ("Deadlines and late days") says what a TA should trust instead (the clone's own time,
or the LMS's times file).
"""
from __future__ import annotations

import itertools
import os
import shutil
import stat
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from grader.submissions.discovery import MAX_BYTES, MAX_FILES

MAX_GIT_ENTRIES = 200_000   # files and folders in a .git: a real clone of the course has a few hundred
_REFUSED_NAMES = ("commondir", "objects/info/alternates", "objects/info/http-alternates", "info/grafts")
# Commit-graph and multi-pack-index are the student's files: git would trust their dates and parents.
_CONFIG = ("[core]\n\trepositoryformatversion = 0\n\tbare = true\n\tcommitGraph = false\n"
           "\tmultiPackIndex = false\n\tfsmonitor = false\n\thooksPath = /dev/null\n\tpager = cat\n"
           "\tuntrackedCache = false\n\tattributesFile = /dev/null\n[gc]\n\tauto = 0\n"
           "[log]\n\tshowSignature = false\n[protocol]\n\tallow = never\n")


class HistoryError(Exception):
    """git could not read a repository the grader accepted (git missing, a timeout, a corrupt
    object store): a grader problem, with no score; ``str()`` is one line."""


class Refused(Exception):
    """The repository is not one the grader reads (a link, another repository's history, a date git
    allows and the calendar does not, a tree over the limits): the student's error; ``str()`` is
    one line for the student."""


@dataclass(frozen=True)
class Commit:
    sha: str
    when: datetime  # the committer date, aware

    @property
    def short(self) -> str:
        return self.sha[:7]


def is_repository(path: Path) -> bool:
    """A clone: ``.git`` is a folder. A ``.git`` file or link (``gitdir: ../someone-else/.git``) could
    name another student's history, so such a folder is graded as the plain folder it is."""
    git = path / ".git"
    return path.is_dir() and not git.is_symlink() and git.is_dir()


def _check(dotgit: Path, shown: str) -> None:
    """Refuse a ``.git`` that is not self-contained plain files (see the module docstring)."""
    for name in _REFUSED_NAMES:
        if os.path.lexists(dotgit / name):
            raise Refused(f"{shown}: .git/{name} makes git read another repository; submit a plain clone")
    if (dotgit / "objects").is_symlink():
        raise Refused(f"{shown}: .git/objects is a link; submit a plain clone")
    if not (dotgit / "objects").is_dir():   # git clone always makes one: the TA's clone went wrong
        raise HistoryError(f"{shown}: .git has no objects folder (an incomplete clone? clone it again)")
    count = 0
    for top, dirs, files in os.walk(dotgit):
        for name in dirs + files:
            count += 1
            if count > MAX_GIT_ENTRIES:
                raise Refused(f"{shown}: .git holds over {MAX_GIT_ENTRIES:,} entries; submit a plain clone")
            mode = os.lstat(os.path.join(top, name)).st_mode
            if stat.S_ISLNK(mode) or not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                rel = os.path.relpath(os.path.join(top, name), dotgit)
                raise Refused(f"{shown}: .git/{rel} is a link or a special file; submit a plain clone")


@dataclass
class Repository:
    """A student's clone, read through a private git directory (see the module docstring)."""

    path: Path      # the student's folder
    gitdir: Path    # the grader's private git directory
    home: Path      # an empty HOME: no ~/.gitconfig of the grader's user, and not a shared path

    @classmethod
    def open(cls, path: Path, scratch: Path) -> Repository:
        """Check ``path/.git`` and build the private git directory under ``scratch`` (which must
        exist and be the grader's own). Raises :class:`Refused` for the student's doing."""
        path, scratch = path.absolute(), scratch.absolute()  # git runs elsewhere: `grade ../class` is relative
        dotgit = path / ".git"
        shown = path.name
        _check(dotgit, shown)
        gitdir = Path(tempfile.mkdtemp(prefix="git-", dir=scratch))
        home = Path(tempfile.mkdtemp(prefix="home-", dir=scratch))
        try:
            head = (dotgit / "HEAD").read_bytes()[:1024] if (dotgit / "HEAD").is_file() else b""
            (gitdir / "HEAD").write_bytes(head if head.strip() else b"ref: refs/heads/main\n")
            if (dotgit / "refs").is_dir():
                shutil.copytree(dotgit / "refs", gitdir / "refs", symlinks=True,
                                ignore=lambda d, names: ["replace"] if Path(d) == dotgit / "refs" else [])
            (gitdir / "refs" / "heads").mkdir(parents=True, exist_ok=True)
            for name in ("packed-refs", "shallow"):
                if (dotgit / name).is_file():
                    data = (dotgit / name).read_bytes()
                    if name == "packed-refs":  # replace refs would swap one commit for another
                        data = b"".join(line for line in data.splitlines(keepends=True)
                                        if b" refs/replace/" not in line)
                    (gitdir / name).write_bytes(data)
            (gitdir / "config").write_text(_CONFIG, encoding="ascii")
            (gitdir / "objects").mkdir()   # git wants one; GIT_OBJECT_DIRECTORY points at the student's
        except OSError as exc:
            raise Refused(f"{shown}: .git cannot be read ({type(exc).__name__}); submit a plain clone") from None
        return cls(path, gitdir, home)

    def _env(self) -> dict[str, str]:
        """No system or user configuration, no prompt, no replace refs; our git dir, their objects."""
        home = str(self.home)
        return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_CONFIG_GLOBAL": os.path.join(home, "gitconfig"), "GIT_TERMINAL_PROMPT": "0",
                "HOME": home, "XDG_CONFIG_HOME": home, "LC_ALL": "C", "GIT_NO_REPLACE_OBJECTS": "1",
                "GIT_DIR": str(self.gitdir), "GIT_OBJECT_DIRECTORY": str(self.path / ".git" / "objects"),
                "GIT_ATTR_NOSYSTEM": "1", "GIT_NO_LAZY_FETCH": "1"}

    def _run(self, *args: str, timeout: float = 60, stdin: bytes | None = None) -> bytes:
        try:
            r = subprocess.run(["git", "--no-pager", *args], capture_output=True, env=self._env(), timeout=timeout,
                               input=stdin if stdin is not None else b"", cwd=self.gitdir)
        except FileNotFoundError:
            raise HistoryError("git is not installed (needed to read a repository's commits)") from None
        except subprocess.TimeoutExpired:
            raise HistoryError(f"git {args[0]} took over {timeout:.0f} s") from None
        if r.returncode != 0:
            last = (r.stderr.decode("utf-8", "replace").strip().splitlines() or ["(no message)"])[-1]
            raise HistoryError(f"git {args[0]} failed: {last[:300]}")
        return r.stdout

    def _commits(self, out: bytes) -> list[Commit]:
        found = []
        for line in out.decode("ascii", "replace").splitlines():
            sha, _, stamp = line.partition(" ")
            try:
                when = datetime.fromtimestamp(int(stamp), tz=timezone.utc)
                when.astimezone()   # also representable where the course's zone puts it
            except (ValueError, OverflowError, OSError):
                raise Refused(f"{self.path.name}: commit {sha[:7]} has a date outside the years 1-9999 "
                              f"({stamp[:24]}); rewrite it with a real date") from None
            found.append(Commit(sha, when))
        return found

    def commits(self) -> list[Commit]:
        """HEAD's first-parent history, newest first. Empty for a repository without commits."""
        try:
            self._run("rev-parse", "--verify", "-q", "HEAD^{commit}")
        except HistoryError:
            return []
        return self._commits(self._run("log", "--first-parent", "--no-show-signature", "--format=%H %ct", "HEAD"))

    def last_change(self, commit: Commit, paths: list[str]) -> Commit | None:
        """The newest commit, at or before ``commit`` on its first-parent history, that changed any of
        ``paths`` (git pathspecs): when that part of the repository was last handed in."""
        out = self._run("log", "--first-parent", "--no-show-signature", "-n", "1", "--format=%H %ct", commit.sha,
                        "--", *paths)
        found = self._commits(out)
        return found[0] if found else None

    def cloned_at(self) -> datetime | None:
        """When the TA's clone last fetched (FETCH_HEAD, else HEAD's log): no commit can be newer."""
        for name in ("FETCH_HEAD", "logs/HEAD", "HEAD"):
            p = self.path / ".git" / name
            if p.is_file():
                return datetime.fromtimestamp(p.stat().st_mtime, tz=timezone.utc)
        return None

    def tree(self, commit: Commit) -> list[tuple[str, str, int, str]]:
        """``(mode, sha, size, path)`` of every entry of the commit's tree, recursively."""
        out = self._run("ls-tree", "-r", "-l", "-z", "--full-tree", commit.sha)
        entries = []
        for raw in out.split(b"\0"):
            if not raw:
                continue
            meta, _, name = raw.partition(b"\t")
            mode, _kind, sha, size = [*meta.decode("ascii", "replace").split(), "", "", "", ""][:4]
            entries.append((mode, sha, int(size) if size.isdigit() else 0, name.decode("utf-8", "surrogateescape")))
        return entries

    def export(self, commit: Commit, dest: Path) -> tuple[Path, list[str]]:
        """The commit's files as plain files in ``dest`` (created), raw as committed, within the same
        limits as a zip (files, bytes), counted while streaming. Links, submodules and paths that are
        not plain relative names are skipped and named, as for a zip."""
        skipped: list[str] = []
        wanted: list[tuple[str, str]] = []
        for mode, sha, _size, name in self.tree(commit):
            why = _unsafe(name) or ({"120000": "a link", "160000": "a submodule"}.get(mode))
            if why:
                skipped.append(f"{name[:120]} ({why})")
                continue
            wanted.append((sha, name))
        if len(wanted) > MAX_FILES:
            raise Refused(f"commit {commit.short}: {len(wanted)} files: over the limit of {MAX_FILES} files")
        dest.mkdir(parents=True, exist_ok=False)
        self._stream(commit, wanted, dest)
        return dest, skipped

    def _stream(self, commit: Commit, wanted: list[tuple[str, str]], dest: Path, timeout: float = 120) -> None:
        try:
            proc = subprocess.Popen(["git", "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, env=self._env(), cwd=self.gitdir)
        except FileNotFoundError:
            raise HistoryError("git is not installed (needed to read a repository's commits)") from None
        assert proc.stdin is not None and proc.stdout is not None
        stdin = proc.stdin

        def feed() -> None:
            try:
                for sha, _ in wanted:
                    stdin.write(sha.encode("ascii") + b"\n")
                stdin.close()
            except (BrokenPipeError, ValueError, OSError):
                pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        deadline = threading.Timer(timeout, proc.kill)   # a pathological pack: the read below then ends
        deadline.start()
        total = 0
        try:
            for _sha, name in wanted:
                header = proc.stdout.readline().split()
                if len(header) != 3 or header[1] != b"blob" or not header[2].isdigit():
                    raise HistoryError(f"git cat-file gave no blob for {name[:80]} of commit {commit.short}")
                size = int(header[2])
                total += size
                if total > MAX_BYTES:
                    raise Refused(f"commit {commit.short}: over the limit of {MAX_BYTES // 2**20} MiB of files")
                target = dest / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "wb") as f:
                    left = size
                    while left:
                        chunk = proc.stdout.read(min(left, 1 << 20))
                        if not chunk:
                            raise HistoryError(f"git cat-file ended inside {name[:80]} of commit {commit.short}")
                        f.write(chunk)
                        left -= len(chunk)
                proc.stdout.read(1)  # the newline after each object
        finally:
            deadline.cancel()
            proc.kill()
            proc.wait()
            writer.join(timeout=5)


def _unsafe(name: str) -> str | None:
    """Why a tree path may not be written under the export folder (None when it may)."""
    p = PurePosixPath(name)
    if not name or p.is_absolute() or any(part in ("", ".", "..", ".git") for part in p.parts) or "\\" in name:
        return "an unsafe path"
    if any(ord(ch) < 32 for ch in name):
        return "a control character in its name"
    return None


def pick(history: list[Commit], cutoff: datetime | None) -> Commit | None:
    """The newest commit at or before ``cutoff`` (the newest of all without one). Along the history,
    not by date alone: a commit whose date was set back does not bring its parents' trees forward."""
    for c in history:
        if cutoff is None or c.when <= cutoff:
            return c
    return None


def out_of_order(history: list[Commit]) -> list[Commit]:
    """Commits dated before their own parent: a rebase, a wrong clock, or a forged date."""
    return [c for c, parent in itertools.pairwise(history) if c.when < parent.when]

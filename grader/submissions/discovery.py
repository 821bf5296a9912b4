"""Find a submission's files; unpack zips safely; make the grader's private copy.

A submission is a folder (or a ``.zip`` of one). An assignment's files are
looked for in ``<submission>/<assignment id>/`` first (one repo for the course),
then directly in ``<submission>/`` (one repo per assignment). A zip whose entries
all sit in one top-level folder (as LMS downloads come) is treated as that folder.

The copy the worker sees never follows a symlink that leads out of the
submission, skips VCS and cache folders, and is capped in size and file count.
"""
from __future__ import annotations

import os
import shutil
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from grader.config import AssignmentConfig
from grader.messages import Message, msg

MAX_FILES = 2000
MAX_BYTES = 200 * 2**20
SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", ".ipynb_checkpoints", ".venv", "venv", "node_modules"}


class SubmissionError(Exception):
    """The submission as a whole cannot be read (bad zip, over the caps). ``skipped``: the zip entries
    already left out when the copy after the unzip failed (the student is told of both)."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.skipped: list[str] = []


@dataclass
class Location:
    """Where an assignment's files were found, relative to the submission copy."""

    assignment: str
    relative_dir: str  # "." or the assignment id
    files: tuple[str, ...]


@dataclass
class Missing:
    assignment: str
    message: Message


@dataclass
class CopyReport:
    skipped_links: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


def _entry_problem(info: zipfile.ZipInfo, dest_resolved: Path) -> str | None:
    """Why a zip entry is not extracted (None: it is)."""
    name = info.filename
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind == stat.S_IFLNK:
        return "a symbolic link"
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "not a regular file (a device, pipe or socket)"
    target = (dest_resolved / name).resolve()
    if name.startswith(("/", "\\")) or ".." in Path(name).parts or \
            not (target == dest_resolved or dest_resolved in target.parents):
        return "it points outside the submission folder"
    if info.file_size > MAX_BYTES:
        return f"over {MAX_BYTES // 2**20} MiB"
    return None


def unpack(path: Path, scratch: Path) -> tuple[Path, CopyReport, list[str]]:
    """A submission (folder or zip) as the grader's own copy in ``scratch/submission``: the safe
    unzip, then the safe copy. Returns the copy, its report and the zip entries skipped; raises
    :class:`SubmissionError` when it cannot be read at all (see :func:`unreadable`)."""
    root, skipped = extract_zip(path, scratch / "unzipped") if path.is_file() else (path, [])
    copy = scratch / "submission"
    try:
        return copy, safe_copy(root, copy), skipped
    except SubmissionError as exc:
        exc.skipped = skipped
        raise


def unreadable(exc: SubmissionError) -> Message:
    """What the student reads when the submission cannot be read at all."""
    return msg(f"제출물을 읽을 수 없습니다: {exc}", f"the submission cannot be read: {exc}")


def extract_zip(archive: Path, dest: Path) -> tuple[Path, list[str]]:
    """Extract ``archive`` into ``dest``; return the submission root and the entries skipped.

    An entry that is unsafe or cannot be written (a link, a device, a path leading out of the
    folder, one that claims a size it does not have, ``x`` and ``x/y`` both as files) is skipped
    and named, as common unzip tools do, so it costs only itself; the rest is graded. A file
    that is not a zip, or one over the entry-count or total-size caps, is refused whole.
    """
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SubmissionError(f"{archive.name}: not a readable zip file ({exc})") from None
    skipped: list[str] = []
    dest.mkdir(parents=True, exist_ok=True)
    dest_resolved = dest.resolve()
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_FILES:
            raise SubmissionError(f"{archive.name}: {len(infos)} entries, over the limit of {MAX_FILES}")
        if sum(i.file_size for i in infos) > MAX_BYTES:
            raise SubmissionError(f"{archive.name}: unpacks to more than {MAX_BYTES // 2**20} MiB")
        written_total = 0
        for info in infos:
            problem = _entry_problem(info, dest_resolved)
            if problem is not None:
                skipped.append(f"{info.filename[:200]!r} ({problem})")
                continue
            target = dest / info.filename
            try:
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                written = 0
                with zf.open(info) as src, open(target, "xb") as out:
                    while chunk := src.read(1 << 20):
                        written += len(chunk)
                        written_total += len(chunk)
                        if written > info.file_size or written_total > MAX_BYTES:
                            raise ValueError("it is larger than it claims")
                        out.write(chunk)
            except (OSError, ValueError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError) as exc:
                reason = str(exc) if isinstance(exc, ValueError) else \
                    "another entry has the same path" if isinstance(exc, (FileExistsError, NotADirectoryError,
                                                                          IsADirectoryError)) else \
                    f"cannot be extracted: {type(exc).__name__}"
                skipped.append(f"{info.filename[:200]!r} ({reason})")
                if target.is_file() and not target.is_symlink():
                    target.unlink()
    entries = [p for p in dest.iterdir() if p.name not in ("__MACOSX",)]
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0], skipped
    return dest, skipped


def safe_copy(src: Path, dest: Path) -> CopyReport:
    """Copy a submission tree; links leading outside ``src`` are skipped, not followed."""
    report = CopyReport()
    root = src.resolve()
    count = 0
    size = 0
    dest.mkdir(parents=True, exist_ok=True)
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        rel = Path(dirpath).relative_to(src)
        for d in list(dirnames):
            p = Path(dirpath) / d
            if p.is_symlink():
                dirnames.remove(d)
                report.skipped_links.append(str(rel / d))
                continue
            (dest / rel / d).mkdir(parents=True, exist_ok=True)
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if p.is_symlink():
                resolved = p.resolve()
                if root not in resolved.parents or not resolved.is_file():
                    report.skipped_links.append(str(rel / name))
                    continue
            elif not p.is_file():
                continue  # fifos, sockets, devices
            count += 1
            try:
                size += p.stat().st_size
            except OSError:
                report.unreadable.append(str(rel / name))
                continue
            if count > MAX_FILES or size > MAX_BYTES:
                raise SubmissionError(f"{src}: more than {MAX_FILES} files or {MAX_BYTES // 2**20} MiB")
            try:
                shutil.copyfile(p, dest / rel / name)
            except OSError:
                report.unreadable.append(str(rel / name))
    return report


def locate(copy_root: Path, assignment: AssignmentConfig, report: CopyReport, shown_root: str) -> Location | Missing:
    """Find an assignment's files in the copy; explain precisely when they are not there."""
    for rel in (assignment.id, "."):
        folder = copy_root / rel
        if all((folder / f).is_file() for f in assignment.files):
            return Location(assignment.id, rel, assignment.files)
    wanted = ", ".join(assignment.files)
    places = f"{shown_root}/{assignment.id}/, {shown_root}/"
    for f in assignment.files:
        for rel in (assignment.id, "."):
            shown = str(Path(rel) / f) if rel != "." else f
            if shown in report.skipped_links:
                return Missing(assignment.id, msg(
                    f"{shown}은(는) 제출물 밖을 가리키는 링크라서 읽지 않았습니다. 실제 파일을 제출하세요.",
                    f"{shown} is a link leading outside the submission and was not followed; submit the file itself."))
            if shown in report.unreadable:
                return Missing(assignment.id, msg(f"{shown}을(를) 읽을 수 없습니다 (권한 문제).",
                                                  f"{shown} cannot be read (permissions)."))
    partial = [f for f in assignment.files
               if (copy_root / assignment.id / f).is_file() or (copy_root / f).is_file()]
    if partial:
        lacking = [f for f in assignment.files if f not in partial]
        return Missing(assignment.id, msg(
            f"{', '.join(lacking)} 파일이 없습니다 ({', '.join(partial)}와(과) 같은 폴더에 있어야 합니다; 찾은 곳: "
            f"{places}).",
            f"{', '.join(lacking)} not found (it must sit beside {', '.join(partial)}; looked in {places})."))
    return Missing(assignment.id, msg(f"{wanted} 파일을 찾지 못했습니다 (찾은 곳: {places}).",
                                      f"{wanted} not found (looked in {places})."))

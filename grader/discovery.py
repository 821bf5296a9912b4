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
    """The submission as a whole cannot be read (bad zip, over the caps)."""


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


def extract_zip(archive: Path, dest: Path) -> Path:
    """Extract ``archive`` into ``dest`` refusing unsafe entries; return the submission root."""
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise SubmissionError(f"{archive}: not a readable zip file ({exc})") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_FILES:
            raise SubmissionError(f"{archive}: {len(infos)} entries, over the limit of {MAX_FILES}")
        total = 0
        dest_resolved = dest.resolve()
        for info in infos:
            name = info.filename
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise SubmissionError(f"{archive}: entry {name!r} is a symbolic link; links are not allowed")
            target = (dest / name).resolve()
            if name.startswith(("/", "\\")) or ".." in Path(name).parts or \
                    not (target == dest_resolved or dest_resolved in target.parents):
                raise SubmissionError(f"{archive}: entry {name!r} points outside the submission folder")
            total += info.file_size
            if total > MAX_BYTES:
                raise SubmissionError(f"{archive}: unpacks to more than {MAX_BYTES // 2**20} MiB")
        for info in infos:
            target = dest / info.filename
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            try:
                with zf.open(info) as src, open(target, "wb") as out:
                    while chunk := src.read(1 << 20):
                        written += len(chunk)
                        if written > info.file_size or written > MAX_BYTES:
                            raise SubmissionError(f"{archive}: entry {info.filename!r} is larger than it claims")
                        out.write(chunk)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
                raise SubmissionError(f"{archive}: entry {info.filename!r} cannot be extracted ({exc})") from None
    entries = [p for p in dest.iterdir() if p.name not in ("__MACOSX",)]
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return dest


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
                if not (root in resolved.parents) or not resolved.is_file():
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
            f"{', '.join(lacking)} 파일이 없습니다 ({', '.join(partial)}와(과) 같은 폴더에 있어야 합니다; 찾은 곳: {places}).",
            f"{', '.join(lacking)} not found (it must sit beside {', '.join(partial)}; looked in {places})."))
    return Missing(assignment.id, msg(f"{wanted} 파일을 찾지 못했습니다 (찾은 곳: {places}).",
                                      f"{wanted} not found (looked in {places})."))

"""A results cache keyed by content: regrading skips submissions that did not change.

The key is a SHA-256 over everything that can change a grade: the grader's code and
version, grading.yml, the selected assignments' hidden tests and reference
solutions, the feedback language, and every file of the submission that the
grader would copy (same filters as :mod:`grader.discovery`). A hit is the
stored JSON result, read back with :func:`grader.results.from_dict`.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from grader import __version__
from grader.config import Config, select
from grader.discovery import SKIP_DIRS
from grader.results import SubmissionResult, from_dict


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dlgrader"


def _hash_tree(h: "hashlib._Hash", root: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            p = Path(dirpath) / name
            h.update(str(p.relative_to(root)).encode("utf-8", "surrogateescape") + b"\0")
            try:
                h.update(p.read_bytes() if p.is_file() else b"<not a file>")
            except OSError:
                h.update(b"<unreadable>")
            h.update(b"\0")


class Cache:
    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self._config_digest: dict[tuple, str] = {}

    def _config_part(self, cfg: Config, only: list[str] | None, language: str) -> str:
        ident = (str(cfg.path), tuple(only or ()), language)
        if ident not in self._config_digest:
            h = hashlib.sha256(f"{__version__}\0{language}\0".encode())
            h.update(cfg.path.read_bytes())
            _hash_tree(h, Path(__file__).resolve().parent)  # the grader's own code, not just its version
            for a in select(cfg, only):
                h.update(a.id.encode() + b"\0")
                _hash_tree(h, a.tests_dir)
                _hash_tree(h, cfg.reference_dir / a.id)
            self._config_digest[ident] = h.hexdigest()
        return self._config_digest[ident]

    def key(self, submission: Path, cfg: Config, only: list[str] | None, language: str) -> str | None:
        h = hashlib.sha256(self._config_part(cfg, only, language).encode())
        try:
            if submission.is_file():
                h.update(submission.read_bytes())
            elif submission.is_dir():
                _hash_tree(h, submission)
            else:
                return None
        except OSError:
            return None
        return h.hexdigest()

    def read_json(self, key: str) -> Any:
        """The JSON stored under ``key``, or None (missing or unreadable: a miss)."""
        try:
            return json.loads((self.dir / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def write_json(self, key: str, data: Any) -> None:
        """Store ``data`` under ``key`` atomically (concurrent graders never read half a file)."""
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            tmp = self.dir / f".{key}.{os.getpid()}.part"
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.dir / f"{key}.json")
        except OSError:
            pass  # a cache that cannot be written only costs time

    def get(self, key: str) -> SubmissionResult | None:
        data = self.read_json(key)
        try:
            return from_dict(data) if isinstance(data, dict) else None
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: SubmissionResult) -> None:
        self.write_json(key, result.to_dict())

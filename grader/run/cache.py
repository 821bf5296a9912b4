"""A results cache keyed by content: regrading skips submissions that did not change.

The key is a SHA-256 over everything that can change a grade: the grader's code and
version, grading.yml, the selected assignments' hidden tests and reference
solutions, the feedback language, and every file of the submission that the
grader would copy (same filters as :mod:`grader.submissions.discovery`). A hit is the
stored JSON result, read back with :func:`grader.results.from_dict`; the files themselves are a
:class:`grader.store.JsonStore`.
"""
from __future__ import annotations

import hashlib
import os
import struct
from pathlib import Path

from grader import PACKAGE_DIR, __version__
from grader.config import Config, select
from grader.results import SubmissionResult, from_dict
from grader.store import JsonStore
from grader.submissions.discovery import SKIP_DIRS


def _field(h: hashlib._Hash, tag: bytes, data: bytes) -> None:
    """One length-prefixed field: no two different sequences of fields hash the same bytes (names
    and contents separated by NUL alone let a crafted file collide with another student's tree)."""
    h.update(tag + struct.pack(">Q", len(data)) + data)


def _hash_tree(h: hashlib._Hash, root: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            p = Path(dirpath) / name
            _field(h, b"N", str(p.relative_to(root)).encode("utf-8", "surrogateescape"))
            try:
                _field(h, b"F", p.read_bytes()) if p.is_file() else _field(h, b"X", b"")
            except OSError:
                _field(h, b"U", b"")


class Cache(JsonStore):
    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        self._config_digest: dict[tuple, str] = {}

    def _config_part(self, cfg: Config, only: list[str] | None, language: str) -> str:
        ident = (str(cfg.path), tuple(only or ()), language)
        if ident not in self._config_digest:
            h = hashlib.sha256()
            _field(h, b"V", __version__.encode())
            _field(h, b"L", language.encode())
            _field(h, b"C", cfg.path.read_bytes())
            _hash_tree(h, PACKAGE_DIR)  # the grader's own code, not just its version
            for a in select(cfg, only):
                _field(h, b"A", a.id.encode())
                _hash_tree(h, a.tests_dir)
                _field(h, b"R", b"")
                _hash_tree(h, cfg.reference_dir / a.id)
            self._config_digest[ident] = h.hexdigest()
        return self._config_digest[ident]

    def key(self, submission: Path, cfg: Config, only: list[str] | None, language: str) -> str | None:
        h = hashlib.sha256(self._config_part(cfg, only, language).encode())
        try:
            if submission.is_file():
                _field(h, b"Z", submission.read_bytes())
            elif submission.is_dir():
                _field(h, b"D", b"")
                _hash_tree(h, submission)
            else:
                return None
        except OSError:
            return None
        return h.hexdigest()

    def get(self, key: str) -> SubmissionResult | None:
        data = self.read_json(key)
        try:
            return from_dict(data) if isinstance(data, dict) else None
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: SubmissionResult) -> None:
        self.write_json(key, result.to_dict())

"""Content-keyed JSON files: what the grader keeps between runs, under the user's cache folder.

The results cache (:mod:`grader.run.cache`: a graded submission, keyed by everything that can change
its grade) and the Keras kit's trainer (a training run, keyed by the model, the settings and the
data) both store here; each makes its own keys. Below the kits and the pipeline, so both may use it.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from grader import files


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dlgrader"


class JsonStore:
    """``<key>.json`` files in one folder; a miss is None, a failed write only a warning."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.write_error: str | None = None  # the first failure to store a result (a full disk), for a warning

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
            files.write_text(self.dir / f"{key}.json", json.dumps(data, ensure_ascii=False))
        except OSError as exc:
            self.write_error = self.write_error or (exc.strerror or str(exc))  # only costs time: warn once

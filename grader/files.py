"""Writing a file so that a reader finds the old content or the new, never half of it.

The one helper for the idiom (a temporary file beside the destination, then one ``os.replace``):
the gradebook a TA opens while a run ends, the oracle's outcomes the engine reads, the caches that
concurrent graders share, the Gradescope zip, the dataset copied into the Keras cache. A failure
leaves no ``.part`` file behind and the previous file untouched.
"""
from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path


def part_path(dest: Path) -> Path:
    """The temporary name beside ``dest``: hidden, and distinct per process and thread, so two graders
    storing the same key (two identical submissions) never write into one temporary file."""
    return dest.with_name(f".{dest.name}.{os.getpid()}.{threading.get_ident()}.part")


@contextlib.contextmanager
def replacing(dest: Path | str) -> Iterator[Path]:
    """Yield a temporary path to write; on leaving it replaces ``dest`` in one rename. On an exception
    the temporary file is removed and ``dest`` left as it was."""
    final = Path(dest)
    tmp = part_path(final)
    try:
        yield tmp
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_text(dest: Path | str, text: str) -> None:
    """``dest`` holds ``text`` (UTF-8), written atomically."""
    with replacing(dest) as tmp:
        tmp.write_text(text, encoding="utf-8")

"""Each assignment's reference modules, under their plain names, for that assignment's tests only.

A hidden test reaches its reference the way the course's code reaches a module: ``import layers as
ref``. With every ``reference/<id>/`` folder on one ``sys.path``, a second assignment with its own
``layers.py`` (a CNN lab beside a05) silently got a05's file, and a module imported once stays in
``sys.modules`` for everyone. So the oracle swaps: while an assignment's test modules are imported
and while its tests run (and its warm-up hooks), only its own reference folder is on ``sys.path``
and only its own reference modules are in ``sys.modules``; the others are put aside and come back
when their assignment's turn comes. A reference's own imports (``from layers import Affine`` in
``two_layer_net.py``) resolve inside the same folder the same way.
"""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType


class References:
    def __init__(self, folders: dict[str, Path]) -> None:
        """``folders``: assignment id -> its reference folder (which may not exist: no reference)."""
        self.folders = {aid: Path(f).resolve() for aid, f in folders.items()}
        self.loaded: dict[str, dict[str, ModuleType]] = {aid: {} for aid in folders}
        self.active: str | None = None
        # Only a top-level ``<name>.py`` of a reference folder can be a reference module, so a swap
        # looks at those names alone, and resolves a module's path once (the module object is
        # remembered): walking and resolving all of ``sys.modules`` on every swap, twice per test,
        # was most of an a01-a05 oracle's time (issue 26).
        self.names = sorted({p.stem for f in self.folders.values() if f.is_dir() for p in f.glob("*.py")})
        self._seen: dict[str, tuple[ModuleType, str | None]] = {}

    def _ours(self, name: str, module: ModuleType | None) -> str | None:
        """The assignment whose reference folder ``module`` was imported from under its plain name
        (None: not a reference module, or one loaded under another name, such as the benchmark
        baseline's ``_inprocess_layers``)."""
        if module is None:
            return None
        seen = self._seen.get(name)
        if seen is not None and seen[0] is module:
            return seen[1]
        aid = self._owner(name, module)
        self._seen[name] = (module, aid)
        return aid

    def _owner(self, name: str, module: ModuleType) -> str | None:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or Path(path).stem != name:
            return None
        parent = Path(path).resolve().parent
        for aid, folder in self.folders.items():
            if parent == folder:
                return aid
        return None

    def _put_aside(self) -> None:
        for name in self.names:
            module = sys.modules.get(name)
            aid = self._ours(name, module)
            if aid is not None:
                self.loaded[aid][name] = sys.modules.pop(name)
        for folder in self.folders.values():
            while str(folder) in sys.path:
                sys.path.remove(str(folder))

    @contextlib.contextmanager
    def of(self, aid: str | None) -> Iterator[None]:
        """Within this block, ``import <name>`` finds ``aid``'s reference module ``<name>`` only.
        Nested blocks for the same assignment are free; ``aid=None`` changes nothing."""
        if aid is None or aid == self.active or aid not in self.folders:
            yield
            return
        previous = self.active
        self._put_aside()
        sys.path.append(str(self.folders[aid]))  # last, as before: a reference never shadows a library
        sys.modules.update(self.loaded[aid])
        self.active = aid
        try:
            yield
        finally:
            self._put_aside()
            self.active = None
            if previous is not None:
                sys.path.append(str(self.folders[previous]))
                sys.modules.update(self.loaded[previous])
                self.active = previous

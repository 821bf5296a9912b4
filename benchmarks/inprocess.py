"""The UNSAFE in-process baseline of ``bench_sandbox.py``: the hidden suites run against modules imported
into the oracle itself, with no sandbox at all, to measure what the sandbox costs.

A :class:`grader.sandbox.backend.SandboxBackend` like the real one, so the oracle needs no code of
its own for it: ``pytest --grader-inprocess`` makes the plugin load this file (from the checkout's
``benchmarks/``, never installed with the grader, so not in Gradescope's zip) and use
:class:`InProcessBackend`. Never use it on student code: it runs the target's code in the trusted
process, which the architecture's first invariant forbids for grading.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from grader import kits
from grader.sandbox.backend import SandboxBackend, SandboxWorker, SubmissionAPI, WorkerSpec

_PLAIN = (int, float, bool, str, bytes, type(None), list, tuple, dict)


def _local(value: Any) -> Any:
    """Plain data comes back as a copy, anything else wrapped: what the proxy would return."""
    import copy

    import numpy as np

    if isinstance(value, (np.ndarray, np.generic, *_PLAIN)):
        return copy.deepcopy(value)
    return _Local(value)


def _unwrap(value: Any) -> Any:
    return value._obj if isinstance(value, _Local) else value


class _Local:
    """Mirrors :class:`grader.sandbox.proxy.Handle` on a real object (the ``--grader-inprocess`` baseline)."""

    def __init__(self, obj: Any) -> None:
        object.__setattr__(self, "_obj", obj)

    def __getattr__(self, name: str) -> Any:
        return _local(getattr(self._obj, name))

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._obj, name, _unwrap(value))

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return _local(self._obj(*map(_unwrap, args), **{k: _unwrap(v) for k, v in kwargs.items()}))

    def __getitem__(self, key: Any) -> Any:
        return _local(self._obj[key])

    def __setitem__(self, key: Any, value: Any) -> None:
        self._obj[key] = _unwrap(value)

    def _attr_ref(self, name: str) -> _Local:
        return _Local(getattr(self._obj, name))

    def _item_ref(self, key: Any) -> _Local:
        return _Local(self._obj[key])

    def _copyto(self, value: Any) -> None:
        import numpy as np

        np.copyto(self._obj, value, casting="unsafe")

    def _value(self) -> Any:
        return _local(self._obj)


class InProcessSubmission:
    """The benchmark baseline: plain imports, no sandbox (see ``--grader-inprocess``)."""

    def __init__(self, target: Path, rel_dir: str) -> None:
        self._dir = str(target / rel_dir)

    def __getattr__(self, name: str) -> _Local:
        import importlib.util

        if name.startswith("_"):
            raise AttributeError(name)
        key = f"_inprocess_{name}"  # not `name`: the tests import the reference under that name
        if key not in sys.modules:
            if self._dir not in sys.path:
                sys.path.append(self._dir)  # for the module's own imports (from layers import ...)
            spec = importlib.util.spec_from_file_location(key, f"{self._dir}/{name}.py")
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[key] = module
            spec.loader.exec_module(module)
        return _Local(sys.modules[key])

    def new(self, value: Any, label: str = "x") -> _Local:
        import numpy as np

        return _Local(np.array(value, copy=True))

    def seed(self, seed: int) -> None:
        import random

        import numpy as np

        np.random.seed(seed)
        random.seed(seed)

    def kit_start(self, op: str, *objects: _Local, label: str | None = None, timeout: float | None = None,
                   **options: Any) -> Any:
        import importlib

        kit, name = op.split(".", 1)
        function = importlib.import_module(kits.worker_ops_module(kit) or "").OPS[name]
        value = function(type("Context", (), {"workdir": self._dir})(), *(o._obj for o in objects), **options)
        return type("Done", (), {"result": staticmethod(lambda: value)})()

    _new, _seed, _kit_start = new, seed, kit_start


class InProcessWorker:
    """One assignment's modules, imported here (:class:`grader.sandbox.backend.SandboxWorker`)."""

    def __init__(self, spec: WorkerSpec) -> None:
        self.target, self.rel_dir = Path(spec.source), spec.paths[0]
        self.info: dict = {}

    def prestart(self) -> None:
        pass

    def submission(self) -> InProcessSubmission:
        return InProcessSubmission(self.target, self.rel_dir)

    def take_output(self) -> tuple[str, int]:
        return "", 0  # printed straight to pytest's capture, as plain pytest would

    def outlived(self, value: Any) -> bool:
        return False  # nothing here is ever restarted

    def close(self) -> None:
        pass


class InProcessBackend:
    """:class:`grader.sandbox.backend.SandboxBackend` without a sandbox: nothing to start or stop."""

    def start(self) -> None:
        pass

    def worker(self, spec: WorkerSpec) -> InProcessWorker:
        return InProcessWorker(spec)

    def close(self) -> None:
        pass

    def kill(self) -> None:
        pass


def _follows_the_seam(spec: WorkerSpec) -> tuple[SandboxBackend, SandboxWorker, SubmissionAPI]:
    """Never called: ``mypy benchmarks/inprocess.py`` checks here that the baseline follows the seam."""
    worker = InProcessWorker(spec)
    return InProcessBackend(), worker, worker.submission()

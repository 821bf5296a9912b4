"""The sandbox seam: what the oracle needs from wherever student code runs, what hidden tests see of it,
and the host's sandbox set-up.

* :class:`SandboxBackend`: start a worker for an assignment (:class:`WorkerSpec` -> :class:`SandboxWorker`),
  and stop everything, in order (``close``) or at once (``kill``, the oracle's signal handler). The oracle
  (:mod:`grader.oracle.plugin`) reaches student code only through it. Today's one implementation is
  :class:`grader.sandbox.zygote_backend.ZygoteBackend` (a fork server per oracle, a worker per assignment
  forked from it and isolated before it imports the student's code); a backend on Dask workers, in
  Docker or on another machine implements the same protocols.
* :class:`SubmissionAPI`, :class:`StudentObject`, :class:`Started`: what the ``submission`` fixture gives
  a hidden test (``submission.<module>``; ``new``, ``seed`` and ``kit_start`` for test authors and the
  kits' helpers; the underscore names ``_new``, ``_seed``, ``_kit_start`` are kept as aliases).
* :func:`mode` and :func:`hide`: how the sandbox isolates on this machine (namespaces, or as root
  without them a uid of the submission's own and permissions) and hiding the course by permissions
  in that case: asked here, by the pipeline before a class run, the engine before each oracle and the
  oracle itself when run as plain ``pytest``.

Import-light: nothing here imports numpy or the worker's machinery.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from grader.sandbox.zygote import Policy

# The submission fixture's own names (SubmissionAPI): a student module may not be named like one, or
# ``submission.<module>`` would not reach it (the configuration refuses such a file name).
SUBMISSION_API = ("new", "seed", "kit_start")


class StudentObject(Protocol):
    """A student object where the submission runs (a module, a layer, a value kept there). Attribute
    reads, calls and indexing reach it there; plain data comes back as a copy, anything else as
    another student object. ``_attr_ref``, ``_item_ref`` and ``_copyto`` reach data by reference (the
    book's ``params``, shared with its layers), ``_value`` reads a kept value back."""

    def __getattr__(self, name: str) -> Any: ...

    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...

    def __getitem__(self, key: Any) -> Any: ...

    def __setitem__(self, key: Any, value: Any) -> None: ...

    def _attr_ref(self, name: str) -> StudentObject: ...

    def _item_ref(self, key: Any) -> StudentObject: ...

    def _copyto(self, value: Any) -> None: ...

    def _value(self) -> Any: ...


class Started(Protocol):
    """Work started where the submission runs (a kit's operation) while the oracle goes on; ``result()``
    waits for it."""

    def result(self) -> Any: ...


class SubmissionAPI(Protocol):
    """What the ``submission`` fixture gives a hidden test."""

    def __getattr__(self, name: str) -> StudentObject:
        """``submission.<module>``: the student's module of that name."""

    def new(self, value: Any, label: str = "x") -> StudentObject:
        """Keep ``value`` where the submission runs and return it as a student object (what the
        student's code changes in place stays visible through it); ``label`` names it in messages."""

    def seed(self, seed: int) -> None:
        """Seed ``np.random`` and ``random`` where the submission runs (students' ``np.random.randn`` init)."""

    def kit_start(self, op: str, *objects: Any, label: str | None = None, timeout: float | None = None,
                  **options: Any) -> Started:
        """Start the kit operation ``<kit>.<op>`` (``grader/kits/<kit>/worker_ops.py``) on ``objects``
        (student objects of this submission) with plain-data ``options``; kits wrap it for their suites
        (``numpy_nets.sgd_start``)."""


@dataclass(frozen=True)
class WorkerSpec:
    """One assignment's worker: ``source``, the submission's folder (copied afresh for every start);
    ``paths``, folders within it for the worker's ``sys.path`` (the assignment's own first);
    ``policy``, the limits, uid and what to hide; ``call_timeout``, a call's limit; ``time_limit``,
    the assignment's wall clock from its first request; ``scratch``, where the copies go."""

    source: str
    paths: tuple[str, ...]
    policy: Policy
    call_timeout: float
    time_limit: float
    scratch: str


class SandboxWorker(Protocol):
    """One assignment's place to run student code, restarted on a fresh copy after a crash or timeout."""

    @property
    def info(self) -> dict:
        """What the sandbox reported when it last started (its mode, for the outcome file)."""

    def prestart(self) -> None:
        """Start now without waiting (overlaps the start with other work)."""

    def submission(self) -> SubmissionAPI:
        """The ``submission`` fixture's value for this assignment."""

    def take_output(self) -> tuple[str, int]:
        """What the student's code printed since the last call, and how many bytes were dropped."""

    def outlived(self, value: Any) -> bool:
        """Whether ``value`` (a warm-up's result: started work, student objects, a dict of them) belongs
        to a start of this worker that has since ended (a crash restarted it)."""

    def close(self) -> None: ...


class SandboxBackend(Protocol):
    """Where the oracle runs student code."""

    def start(self) -> None:
        """Begin what is slow to start, now (it overlaps pytest's collection)."""

    def worker(self, spec: WorkerSpec) -> SandboxWorker:
        """A worker for one assignment (started lazily, or by ``prestart``)."""

    def close(self) -> None:
        """Stop every worker and helper this backend started, and what they left behind."""

    def kill(self) -> None:
        """End everything now (``grade`` stopped or died: the oracle's signal handler)."""


@dataclass(frozen=True)
class Mode:
    """How the sandbox isolates here: ``namespaces``, or as root without them, the submission's own uid,
    permissions that hide the course, and the workers' copies under ``workroot`` (a folder others may
    traverse but not list)."""

    namespaces: bool
    workroot: str | None = None


def mode(namespaces: bool) -> Mode:
    """The sandbox's mode on this machine, ``namespaces`` being grading.yml's ``sandbox.namespaces``:
    without root the worker's own user namespace; as root namespaces unless turned off or refused by
    the machine, then permissions (:mod:`grader.sandbox.permissions`)."""
    from grader.sandbox import permissions

    if permissions.needed(namespaces):
        return Mode(namespaces=False, workroot=permissions.sandbox_workroot())
    return Mode(namespaces=True)


def hide(how: Mode, private: Sequence[Path], others: Sequence[Path], uid: int) -> list[str]:
    """Where only permissions hide (``how`` without namespaces), take the others' access to ``private``
    (the course's: ``Config.private_paths``) and ``others`` (the folders holding the submissions) and
    check it as ``uid``; return what was changed. Raises ``permissions.Exposed`` (or ``OSError``)."""
    from grader.sandbox import permissions

    if how.namespaces:
        return []
    return permissions.ensure_hidden(list(private), list(others), uid)

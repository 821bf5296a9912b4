"""A Keras training as a Dask task on a GPU worker (``grade --cluster`` with a worker tagged ``GPU``).

When a submission is graded on a cluster worker without the ``GPU`` resource and the cluster has
workers with it (``kits.CLUSTER_ENV`` in the oracle's environment, :func:`where`), the oracle's
:class:`grader.kits.keras.lab.Lab` sends the vetted ``.keras`` file and the training request to
one of them instead of starting a trainer beside itself: :class:`RemoteTrainer` (the oracle's side)
has the interface of :class:`grader.kits.keras.client.Trainer`, and :func:`train_task` (the GPU
worker's side) runs that trainer there and returns its three answers as JSON text.

Decided:

* **No student code runs on the GPU worker**: what crosses is the model file the oracle has vetted
  (the trainer vets it again and loads it with ``safe_mode=True``) and the request the oracle made.
  The answer crosses back as JSON text, never a pickle.
* **One model per computation**: each task trains one submission's model in a trainer process of
  its own, so a grade never depends on who else was graded. A worker keeps one spare trainer started
  (TensorFlow imported, the data read) for its next task: the warm trainer.
* **A worker that has the GPU trains where it grades** (as without a cluster): only a worker
  without one sends its trainings away, so a grading task never waits for a task that needs its own
  worker's thread.
* **The same result as a local training**: the same trainer, request, seeds and caches, so the
  gradebook equals ``--jobs``'s (``toolkit_tests/test_cluster.py``).
"""
from __future__ import annotations

import json
import os
import tempfile
import threading
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from grader.kits import CLUSTER_ENV
from grader.kits.keras.client import Trainer, TrainerFailed

RESOURCE = "GPU"


def where() -> dict[str, Any] | None:
    """The cluster to send this oracle's trainings to (from ``kits.CLUSTER_ENV``), or None: not on a
    cluster, no worker there has a GPU, or this worker has one itself."""
    text = os.environ.get(CLUSTER_ENV)
    if not text:
        return None
    try:
        cluster = json.loads(text)
    except ValueError:
        return None
    if not isinstance(cluster, dict) or not isinstance(cluster.get("address"), str):
        return None
    if RESOURCE not in (cluster.get("resources") or []) or RESOURCE in (cluster.get("here") or []):
        return None
    return cluster


class RemoteTrainer:
    """:class:`Trainer`'s interface over one :func:`train_task` on a worker with the ``GPU`` resource.
    The task answers once, at the end; ``loaded`` and ``result`` read that answer (``loaded`` waits
    for the whole training: the training's own timeout is added to its wait)."""

    def __init__(self, settings: Mapping[str, Any], cluster: Mapping[str, Any]) -> None:
        self.settings = dict(settings)
        self.cluster = dict(cluster)
        self.info: dict[str, Any] = {}
        self._client: Any = None
        self._future: Any = None
        self._answer: dict[str, Any] | None = None

    def _connect(self) -> Any:
        from distributed import Client
        from distributed.security import Security

        tls = self.cluster.get("security")
        security = Security(**tls, require_encryption=True) if tls else None
        try:
            return Client(self.cluster["address"], security=security, timeout=30, set_as_default=False)
        except OSError as exc:
            raise TrainerFailed("crashed", f"the oracle cannot reach the Dask scheduler to train on a GPU worker "
                                           f"({exc})") from None

    def ready(self, timeout: float) -> dict:
        """The GPU worker's trainer says it is ready with its answer: nothing to wait for here."""
        return self.info

    def submit(self, model_path: str, request: Mapping[str, Any]) -> None:
        if self._client is None:
            self._client = self._connect()
        job = json.dumps({"settings": self.settings, "request": dict(request)})
        self._future = self._client.submit(train_task, job, Path(model_path).read_bytes(), pure=False,
                                           resources={RESOURCE: 1}, key=f"train-{uuid.uuid4().hex}")

    def _wait(self, timeout: float) -> dict[str, Any]:
        if self._answer is None:
            if self._future is None:
                raise TrainerFailed("crashed", "no training was sent to a GPU worker")
            try:
                text = self._future.result(timeout=timeout)
            except TimeoutError:
                raise TrainerFailed("timeout", f"no answer from a GPU worker within {timeout:g} s") from None
            except Exception as exc:  # noqa: BLE001 - the task's, the worker's or the scheduler's failure
                raise TrainerFailed("crashed", f"the training task on a GPU worker failed: {type(exc).__name__}: "
                                               f"{str(exc)[:300]}") from None
            answer = json.loads(text) if isinstance(text, str) else None
            if not isinstance(answer, dict) or not isinstance(answer.get("ready", {}), dict):
                raise TrainerFailed("crashed", "a GPU worker's training task returned no answer")
            self._answer = answer
            self.info = dict(answer.get("ready") or {})
        return self._answer

    def _stage(self, name: str, timeout: float) -> dict:
        answer = self._wait(timeout)
        if isinstance(answer.get(name), dict):
            return dict(answer[name])
        failed = answer.get("failed")
        if isinstance(failed, dict):
            payload = failed.get("payload")
            raise TrainerFailed(str(failed.get("code", "error")), str(failed.get("message", "")),
                                payload if isinstance(payload, dict) else None)
        raise TrainerFailed("crashed", f"a GPU worker's training task gave no {name!r} answer")

    def loaded(self, timeout: float) -> dict:
        return self._stage("loaded", timeout + float(self.settings.get("timeout", 0)))

    def result(self, timeout: float) -> dict:
        return self._stage("result", timeout)

    def close(self) -> None:
        if self._future is not None and self._answer is None:
            try:
                self._future.cancel()
            except Exception:  # noqa: BLE001 - a scheduler already gone
                pass
        if self._client is not None:
            try:
                self._client.close(timeout=10)
            except Exception:  # noqa: BLE001
                pass
            self._client = None


# ----------------------------------------------------------------------------- the GPU worker's side
_SPARE: dict[str, Trainer] = {}  # settings (JSON) -> a started trainer for the next task
_LOCK = threading.Lock()
_TRAINED = [0]  # tasks this worker process ran (the toolkit's tests ask each worker)


def _take(settings: dict[str, Any]) -> Trainer:
    """A started trainer for these settings (the spare if it is alive), and a new spare for the next."""
    key = json.dumps(settings, sort_keys=True)
    with _LOCK:
        trainer = _SPARE.pop(key, None)
        if trainer is None or trainer.proc.poll() is not None:
            if trainer is not None:
                trainer.close()
            trainer = Trainer.start(settings)
        _SPARE[key] = Trainer.start(settings)
    return trainer


def train_task(job_text: str, model: bytes) -> str:
    """Run on a worker with the ``GPU`` resource: train one vetted model file as the oracle asked, in a
    trainer process of its own; its answers (``ready``, ``loaded``, ``result``, or ``failed`` at the
    stage it failed) as JSON text."""
    job = json.loads(job_text)
    settings, request = dict(job["settings"]), dict(job["request"])
    answer: dict[str, Any] = {}
    trainer = _take(settings)
    try:
        with tempfile.TemporaryDirectory(prefix="dlgrader-remote-model-") as folder:
            path = Path(folder) / "model.keras"
            path.write_bytes(model)
            try:
                answer["ready"] = trainer.ready(timeout=300)
                trainer.submit(str(path), request)
                answer["loaded"] = trainer.loaded(timeout=120)
                answer["result"] = trainer.result(timeout=float(settings["timeout"]))
            except TrainerFailed as exc:
                answer["failed"] = {"code": exc.code, "message": exc.message, "payload": exc.payload}
    finally:
        trainer.close()
        with _LOCK:
            _TRAINED[0] += 1
    return json.dumps(answer)


def trained_here() -> int:
    """How many trainings this worker process ran (for ``Client.run``)."""
    return _TRAINED[0]

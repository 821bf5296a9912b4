"""A training the cache already holds, answered without starting the trainer.

The trainer (:mod:`grader.kits.keras.trainer`) caches each result under a key it can only compute
with TensorFlow imported (the device it found, the versions it imported, the data it read). So a
cached result still cost a trainer start: a TensorFlow import and a model load, about 5 s of CPU,
for every student of a class that handed in the slides' model, which trains once.

A trainer that trained on a host where it could only use the CPU therefore also files its answers
(its ``ready``, ``loaded`` and ``result`` lines) under a **recall key** that the oracle computes
without TensorFlow from the same inputs: the vetted, normalised model config, the request's
settings, the backend, the library versions (from the installed packages' metadata; the trainer
uses the imported modules' ``__version__``: where the two disagree the keys differ and nothing is
recalled), the data set's fingerprint (read from its files' gzip trailers) and the trainer's code.
:class:`grader.kits.keras.lab.Lab` looks the key up before it starts a trainer, and starts one only
on a miss.

Decided:

* **Only where a GPU cannot be seen** (:func:`possible`): on a host with a GPU device node, which
  device the trainer trains on is its own finding after TensorFlow is imported, so there the
  trainer is always started (and its own cache answers as before).
* **What a recalled answer skips** is the trainer's own reading of the file: Keras's
  ``load_model``. The oracle has vetted the file's archive and config just as the trainer does
  (:func:`grader.kits.keras.safety.check_archive`'s checks, in ``Lab.model``), and the parameter
  count and learning-rate checks are functions of the config, which an identical config passed. A
  file whose config is identical to one that trained but whose weights Keras cannot read is graded
  as that config instead of "could not load": the weights are the grader's anyway.
* The entries live in the training cache (``training.cache``; off, nothing is recalled), written by
  the trusted trainer only; the toolkit's tests check that a recalled grade equals a trained one.
"""
from __future__ import annotations

import glob
import hashlib
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from grader.kits import datasets
from grader.kits.keras.trainer import cache_key
from grader.store import JsonStore

# Device nodes through which a trainer could reach a GPU: NVIDIA's, AMD's ROCm, WSL's.
GPU_NODES = ("/dev/nvidia*", "/dev/kfd", "/dev/dxg")
DEVICE = "cpu, no GPU visible"


def gpu_visible() -> bool:
    return any(glob.glob(pattern) for pattern in GPU_NODES)


def possible(training: Mapping[str, Any]) -> bool:
    """Whether a training with grading.yml's ``training`` settings may be recalled here."""
    return bool(training.get("cache", True)) and training.get("device", "auto") != "gpu" and not gpu_visible()


def key(config: dict, request: Mapping[str, Any], backend: str, versions: dict, dataset: str,
        fingerprint: bytes) -> str:
    """The recall key: the training key's inputs with the device fixed, and this module's code."""
    h = hashlib.sha256(cache_key(config, dict(request), backend, DEVICE, versions, dataset, fingerprint).encode())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()


def installed_versions(backend: str) -> dict[str, str]:
    """The versions the trainer would import, from the packages' metadata (no import)."""
    return {"keras": metadata.version("keras"), backend: metadata.version(backend)}


def _valid(entry: Any) -> bool:
    if not isinstance(entry, dict) or not all(isinstance(entry.get(k), dict) for k in ("ready", "loaded", "result")):
        return False
    accuracy = entry["result"].get("test_accuracy")
    return isinstance(accuracy, float) and isinstance(entry["result"].get("per_class_accuracy"), list)


def lookup(config: dict, request: Mapping[str, Any], training: Mapping[str, Any]) -> dict | None:
    """The trainer's filed answer for this model and request (``{"ready", "loaded", "result"}``), or
    None: not filed, not possible here, or anything it needs missing (the trainer then says why)."""
    if not request.get("cache_dir") or not possible(training):
        return None
    backend = str(training.get("backend", "tensorflow"))
    dataset = str(training.get("dataset", "fashion_mnist"))
    try:
        versions = installed_versions(backend)
        fingerprint = datasets.get(dataset).data_fingerprint(training.get("dataset_dir"))
    except Exception:  # noqa: BLE001 - no package metadata, no data: the trainer reports it properly
        return None
    entry = JsonStore(Path(str(request["cache_dir"]))).read_json(
        key(config, request, backend, versions, dataset, fingerprint))
    return entry if _valid(entry) else None


def file(store: JsonStore, config: dict, request: Mapping[str, Any], backend: str, versions: dict, dataset: str,
         fingerprint: bytes, answers: dict) -> None:
    """The trainer's side: file ``answers`` (``ready``, ``loaded``, ``result``) for :func:`lookup`,
    if it trained on the CPU of a host where no GPU can be seen."""
    if answers["ready"].get("device") == "cpu" and not gpu_visible():
        store.write_json(key(config, request, backend, versions, dataset, fingerprint), answers)

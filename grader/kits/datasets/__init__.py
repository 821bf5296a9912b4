"""Data sets, registered by name (grading.yml: ``training.dataset``), shared by the kits.

A data set module defines ``training_data(configured_dir) -> Dataset`` (what the trusted trainer
trains and measures on; never a download), ``data_fingerprint(configured_dir) -> bytes`` (that
Dataset's ``fingerprint``, cheaply, without TensorFlow: the training cache's recall key),
``candidates(configured) -> [(label, folder)]`` (where it may be read from, in search order) and
``PRIVATE_ROOTS`` (folders above those that hold other data sets too).
Every folder any registered data set may be read from is hidden from every worker, whatever the
assignment: a student's ``predict`` that could open the public test set could answer with its labels
(a05 tests on a Fashion-MNIST sample, a06 on the test set).
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

DATASETS: dict[str, str] = {"fashion_mnist": "grader.kits.datasets.fashion_mnist",
                            "xor": "grader.kits.datasets.xor"}


def get(name: str) -> ModuleType:
    return importlib.import_module(DATASETS[name])


def private_paths(configured: Iterable[str | None] = ()) -> list[Path]:
    """Every place a registered data set may be read from (with each configured ``dataset_dir``)."""
    dirs = list(dict.fromkeys([None, *configured]))
    out: list[Path] = []
    for name in DATASETS:
        module = get(name)
        for folder in dirs:
            out += [path for _, path in module.candidates(folder)]
        out += list(getattr(module, "PRIVATE_ROOTS", ()))
    return list(dict.fromkeys(out))

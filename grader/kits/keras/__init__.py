"""The Keras kit: vetting saved models (``safety``), reading architectures (``arch``), the trusted
trainer process (``trainer``) and its client (``client``), data sets (``fashion_mnist``).

Import-light: nothing here imports Keras or TensorFlow until a function needs it.
"""
from __future__ import annotations

from typing import Any


def build_start(submission: Any, module: str, function: str, timeout: float | None = None) -> Any:
    """Import ``module`` in the worker, call its ``function()`` (the lab's ``build_model``) and save
    the returned model there (``worker_ops.build``); ``.result()`` is the ``.keras`` file as a uint8
    array, for the trainer to vet and load."""
    return submission._kit_start("keras.build", label=f"{module}.{function}()", timeout=timeout,
                                 module=module, function=function)

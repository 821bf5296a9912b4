"""Worker operations of the Keras kit: run inside the sandbox, on the student's code.

Imported by the worker after it isolated itself; the standard library and numpy at import time
(Keras only inside :func:`build`, once the student's module has imported it).
"""
from __future__ import annotations

import importlib
import os
import tempfile
from typing import Any, Callable

FILE_LIMIT = 30 * 2**20  # bytes; the lab's model saves to about 0.45 MB


def build(ctx: Any, *, module: str, function: str) -> Any:
    """Call the student's ``build_model()`` and return the saved ``.keras`` file as a uint8 array.

    Grader code run here because a Keras model cannot cross the codec; only the file's bytes do,
    and the trusted trainer vets and loads them in safe mode.
    """
    import numpy as np

    student = importlib.import_module(module)
    model = getattr(student, function)()
    import keras

    if not isinstance(model, keras.Model):
        kind = type(model)
        raise TypeError(f"{function}() must return a Keras model (keras.Model), not "
                        f"{getattr(kind, '__module__', '?')}.{getattr(kind, '__qualname__', kind.__name__)}"[:300])
    folder = tempfile.mkdtemp(dir=ctx.workdir)  # a fresh folder: no student file can stand in for the result
    path = os.path.join(folder, "model.keras")
    keras.saving.save_model(model, path)
    size = os.path.getsize(path)
    if size > FILE_LIMIT:
        raise ValueError(f"the saved model is {size / 2**20:.1f} MiB, over the grader's "
                         f"{FILE_LIMIT // 2**20} MiB limit (the lab's model is about 0.45 MiB)")
    with open(path, "rb") as f:
        data = f.read()
    return np.frombuffer(data, dtype=np.uint8).copy()


OPS: dict[str, Callable[..., Any]] = {"build": build}

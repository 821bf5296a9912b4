"""Worker operations of the Keras kit: run inside the sandbox, on the student's code.

Imported by the worker after it isolated itself; the standard library and numpy at import time
(Keras only inside :func:`build`, once the student's module has imported it).
"""
from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Callable
from typing import Any

FILE_LIMIT = 30 * 2**20  # bytes; the lab's model saves to about 0.45 MB


def build(ctx: Any, *, module: str, function: str, input_shape: list[int] | None = None) -> dict[str, Any]:
    """Call the student's ``build_model()`` and return what the oracle needs to judge it:
    ``{"model": the saved .keras file as a uint8 array}``, or ``{"returned": type name}`` when the
    result is not a Keras 3 model; ``"unbuildable"`` (the error) when a model that declares no input
    shape cannot take the lab's ``input_shape`` (it is saved unbuilt); ``"warnings"``, the texts of
    the warnings the student's code raised (the oracle recognises Keras 2 idioms there, e.g. ``decay=``).

    Grader code run here because a Keras model cannot cross the codec; only the file's bytes do,
    and the trusted trainer vets and loads them in safe mode. A Sequential model without
    ``keras.Input`` or ``input_shape=`` (the form Keras 3 recommends is an Input, but an unbuilt
    model is legal) is built here with the lab's input shape, as ``model.fit`` on the lab's data
    would build it: unbuilt, it would save without inputs and no grader could load it.
    """
    import warnings

    import numpy as np

    student = importlib.import_module(module)
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            model = getattr(student, function)()
    finally:
        for w in caught:  # still the student's output, as if never caught
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    said = [str(w.message)[:500] for w in caught[:20]]
    import keras

    if not isinstance(model, keras.Model):
        kind = type(model)
        return {"returned": f"{getattr(kind, '__module__', '?')}.{getattr(kind, '__qualname__', kind.__name__)}"[:300],
                "warnings": said}
    reply: dict[str, Any] = {"warnings": said}
    with warnings.catch_warnings():  # the grader's own calls: their warnings are not the student's output
        warnings.simplefilter("ignore")
        if input_shape is not None and not model.built:
            try:
                model.build((None, *input_shape))
            except Exception as exc:  # noqa: BLE001 - the student's layers refuse the lab's input
                # saved unbuilt all the same: its layers can still be checked from the config
                reply["unbuildable"] = f"{type(exc).__name__}: {str(exc).strip()}"[:600]
        folder = tempfile.mkdtemp(dir=ctx.workdir)  # a fresh folder: no student file can stand in for the result
        path = os.path.join(folder, "model.keras")
        keras.saving.save_model(model, path)
    size = os.path.getsize(path)
    if size > FILE_LIMIT:
        raise ValueError(f"the saved model is {size / 2**20:.1f} MiB, over the grader's "
                         f"{FILE_LIMIT // 2**20} MiB limit (the lab's model is about 0.45 MiB)")
    with open(path, "rb") as f:
        data = f.read()
    reply["model"] = np.frombuffer(data, dtype=np.uint8).copy()
    return reply


OPS: dict[str, Callable[..., Any]] = {"build": build}

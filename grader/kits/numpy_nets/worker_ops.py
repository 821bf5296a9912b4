"""Worker operations of the numpy-nets kit: run inside the sandbox, on the student's objects.

Imported by the worker after it isolated itself; the standard library and numpy only.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any


def sgd(ctx: Any, net: Any, x: Any, t: Any, *, iters: int, batch_size: int, lr: float, seed: int,
        log_every: int, params: list[str]) -> list:
    """The course's mini-batch SGD loop (grader code, run here to avoid shipping batches over the pipe).

    It only calls the student's ``gradient`` and updates ``params`` in place, as the slides do; the
    oracle measures the resulting accuracy itself, so nothing here is trusted.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    losses = []
    for i in range(iters):
        idx = rng.choice(x.shape[0], batch_size)
        grads = net.gradient(x[idx], t[idx])
        for key in params:
            net.params[key] -= lr * grads[key]
        if log_every and (i + 1) % log_every == 0:
            losses.append(float(net.loss(x[idx], t[idx])))
    return losses


OPS: dict[str, Callable[..., Any]] = {"sgd": sgd}

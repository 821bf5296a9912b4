"""The numpy-nets kit: networks written from scratch with numpy (the book's ``TwoLayerNet``).

Its one worker operation is the course's mini-batch SGD loop (``worker_ops.sgd``), run inside the
sandbox because shipping 60,000 images a batch at a time over the pipe would cost more than the
training. Hidden tests start it with :func:`sgd_start`.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

BOOK_PARAMS = ("W1", "b1", "W2", "b2")  # TwoLayerNet.params in the book (chapter 5)


def sgd_start(submission: Any, net: Any, x: Any, t: Any, *, iters: int, batch_size: int, lr: float, seed: int,
              log_every: int = 0, params: Sequence[str] = BOOK_PARAMS, timeout: float | None = None) -> Any:
    """Start SGD on the student's ``net`` (handles to the network and to data kept in the worker)
    and return at once; ``.result()`` waits and gives the losses logged every ``log_every`` steps.
    ``params``: the keys of ``net.params`` the loop updates with ``net.gradient``'s arrays."""
    return submission.kit_start("numpy_nets.sgd", net, x, t, label=f"{getattr(net, '_label', 'net')}: SGD x{iters}",
                                 timeout=timeout, iters=iters, batch_size=batch_size, lr=lr, seed=seed,
                                 log_every=log_every, params=list(params))

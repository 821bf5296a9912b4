"""XOR, the four points of the slides' Keras XOR lab (004, "Keras를 이용한 XOR"): registered as ``xor``.

There is nothing to hold out: the lab's question is whether the network can represent XOR at all,
so the grader trains on the four points and measures accuracy on the same four.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from grader.kits.datasets.fashion_mnist import Dataset

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)
Y = np.array([0, 1, 1, 0], dtype=np.int32)


def candidates(configured: str | None = None) -> list[tuple[str, Path]]:
    return []  # built in: nothing on disk to hide or find


def data_fingerprint(configured: str | None = None) -> bytes:
    return b"xor:" + X.tobytes() + Y.tobytes()


def training_data(configured: str | None = None) -> Dataset:
    return Dataset(x_train=X.copy(), y_train=Y.copy(), x_test=X.copy(), y_test=Y.copy(), source="built-in: xor",
                   classes=2, fingerprint=data_fingerprint(configured))

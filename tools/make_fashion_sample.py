"""Regenerate tests/a05_backprop/data/fashion_mnist_sample.npz from the full data set.

The a05 hidden suite trains the student's TwoLayerNet for a few seconds on this
small, class-balanced sample (Fashion-MNIST is MIT-licensed). Source: Debian's
dataset-fashion-mnist package (apt-get install dataset-fashion-mnist).

    python tools/make_fashion_sample.py [--source /usr/share/datasets/fashion-mnist]
"""
from __future__ import annotations

import argparse
import gzip
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "tests" / "a05_backprop" / "data" / "fashion_mnist_sample.npz"


def _read(path: Path, offset: int) -> np.ndarray:
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def _balanced(labels: np.ndarray, per_class: int, rng: np.random.Generator) -> np.ndarray:
    picks = [rng.choice(np.flatnonzero(labels == c), per_class, replace=False) for c in range(10)]
    return rng.permutation(np.concatenate(picks))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--train-per-class", type=int, default=100)
    parser.add_argument("--test-per-class", type=int, default=50)
    args = parser.parse_args()
    src = Path(args.source)
    x_train = _read(src / "train-images-idx3-ubyte.gz", 16).reshape(-1, 784)
    t_train = _read(src / "train-labels-idx1-ubyte.gz", 8)
    x_test = _read(src / "t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784)
    t_test = _read(src / "t10k-labels-idx1-ubyte.gz", 8)
    rng = np.random.default_rng(20261122)
    tr = _balanced(t_train, args.train_per_class, rng)
    te = _balanced(t_test, args.test_per_class, rng)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, x_train=x_train[tr], t_train=t_train[tr], x_test=x_test[te], t_test=t_test[te])
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes): {len(tr)} train, {len(te)} test")


if __name__ == "__main__":
    main()

"""Train the network that a09's hidden suite hands to the student's ``accuracy``.

The book's chapter 3 evaluates a trained 784-50-100-10 network (sigmoid, sigmoid, softmax) that it
ships as ``sample_weight.pkl``; the course's grader needs one of its own that students never see, so
``accuracy`` is graded on numbers nobody can look up. This script trains that network with plain
mini-batch SGD on the 1000 training images of a05's Fashion-MNIST sample (``tests/a05_backprop/data``)
and writes ``tests/a09_forward_pass/data/network.npz`` (float32, as the book's pickle). It is
deterministic (one seed), prints the test accuracy on the sample's 500 test images and the smallest
gap between the two largest scores (so no image is a near tie that float32 arithmetic could flip).

    python tools/make_a09_network.py
"""
from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "a05_backprop" / "data" / "fashion_mnist_sample.npz"
OUT = ROOT / "tests" / "a09_forward_pass" / "data" / "network.npz"
SIZES = (784, 50, 100, 10)


def sigmoid(a: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-a))


def scores(net: dict[str, np.ndarray], x: np.ndarray) -> tuple[np.ndarray, ...]:
    z1 = sigmoid(x @ net["W1"] + net["b1"])
    z2 = sigmoid(z1 @ net["W2"] + net["b2"])
    return z1, z2, z2 @ net["W3"] + net["b3"]


def train(x: np.ndarray, t: np.ndarray, steps: int = 3000, lr: float = 0.5, seed: int = 909) -> dict[str, np.ndarray]:
    """Mini-batch SGD (batch 100) on softmax cross-entropy; the gradient written out by hand."""
    g = np.random.default_rng(seed)
    net: dict[str, np.ndarray] = {}
    for i, (n_in, n_out) in enumerate(itertools.pairwise(SIZES), start=1):
        net[f"W{i}"] = g.normal(0, 1 / np.sqrt(n_in), (n_in, n_out))
        net[f"b{i}"] = np.zeros(n_out)
    for _ in range(steps):
        idx = g.choice(len(x), 100, replace=False)
        xb, tb = x[idx], t[idx]
        z1, z2, a3 = scores(net, xb)
        e = np.exp(a3 - a3.max(axis=1, keepdims=True))
        d3 = e / e.sum(axis=1, keepdims=True)
        d3[np.arange(len(tb)), tb] -= 1
        d3 /= len(tb)
        d2 = d3 @ net["W3"].T * z2 * (1 - z2)
        d1 = d2 @ net["W2"].T * z1 * (1 - z1)
        for key, grad in (("W3", z2.T @ d3), ("b3", d3.sum(0)), ("W2", z1.T @ d2), ("b2", d2.sum(0)),
                          ("W1", xb.T @ d1), ("b1", d1.sum(0))):
            net[key] -= lr * grad
    return net


def main() -> None:
    data = np.load(SAMPLE)
    x_train, x_test = data["x_train"] / 255.0, data["x_test"] / 255.0
    net = {k: v.astype(np.float32) for k, v in train(x_train, data["t_train"].astype(int)).items()}
    a3 = scores({k: v.astype(float) for k, v in net.items()}, x_test)[2]
    top = np.sort(a3, axis=1)
    print(f"test accuracy {np.mean(a3.argmax(1) == data['t_test']):.3f}, "
          f"smallest top-2 gap {np.min(top[:, -1] - top[:, -2]):.2e}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, **net)
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()

"""Measure the figures behind a05's thresholds (grading.yml a05_backprop.params).

Prints, for the reference TwoLayerNet in float64 and in float32, the relative
error of backprop and of numerical_gradient against the gradient the oracle
computes from the parameters (the hidden suite's inputs), the smallest distance of a
hidden pre-activation from the ReLU kink, and the test accuracy of the SGD run
over ten seeds.

    python tools/measure_a05_thresholds.py
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "reference" / "a05_backprop"), str(ROOT / "tests" / "a05_backprop")]

import test_hidden_two_layer_net as suite  # noqa: E402
from two_layer_net import TwoLayerNet  # noqa: E402


def oracle_grad(net, x, t):
    """The gradient the hidden suite compares against: the course network's, computed analytically
    from the parameters by the oracle (the suite's ``course_gradient``), never by student code."""
    return suite.course_gradient({k: np.asarray(net.params[k], dtype=float) for k in suite.KEYS},
                                 np.asarray(x, dtype=float), np.asarray(t))


def rel(got, want):
    return max(float(np.max(np.abs(got[k] - want[k])) / max(np.max(np.abs(want[k])), 1e-8)) for k in suite.KEYS)


def net_with(dtype):
    np.random.seed(0)
    net = TwoLayerNet(suite.D, suite.H, suite.C)
    for key, value in suite.fixed_params().items():
        net.params[key] = net.params[key].astype(dtype)
        net.params[key][...] = value
    net.layers["Affine1"].W, net.layers["Affine1"].b = net.params["W1"], net.params["b1"]
    net.layers["Affine2"].W, net.layers["Affine2"].b = net.params["W2"], net.params["b2"]
    return net


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--iters", type=int, default=300)
    args = parser.parse_args()
    p = suite.fixed_params()
    pre = suite.X @ p["W1"] + p["b1"]
    print(f"smallest |hidden pre-activation|: {np.min(np.abs(pre)):.3f} (a numerical_gradient with h = 1e-4 must not "
          "cross it)")
    for dtype in (np.float64, np.float32):
        net = net_with(dtype)
        x, t = suite.X.astype(dtype), suite.T.astype(dtype)
        want = oracle_grad(net, x, t)  # as the suite does: perturb this very network
        print(f"{np.dtype(dtype).name}: backprop rel. error {rel(net.gradient(x, t), want):.2g}, "
              f"numerical_gradient rel. error {rel(net.numerical_gradient(x, t), want):.2g}")
    data = np.load(suite.DATA)
    x_train = (data["x_train"] / 255.0).astype(np.float32)
    x_test = (data["x_test"] / 255.0).astype(np.float32)
    t_train = np.eye(10, dtype=np.float32)[data["t_train"]]
    accs = []
    for seed in range(10):
        np.random.seed(seed)
        net = TwoLayerNet(784, 50, 10)
        rng = np.random.default_rng(seed)
        for _ in range(args.iters):
            idx = rng.choice(len(x_train), 100)
            grads = net.gradient(x_train[idx], t_train[idx])
            for key in suite.KEYS:
                net.params[key] -= 0.1 * grads[key]
        accs.append(float(np.mean(np.argmax(net.predict(x_test), axis=1) == data["t_test"])))
    print(f"test accuracy after {args.iters} SGD steps, seeds 0-9: min {min(accs):.3f} mean {np.mean(accs):.3f} "
          f"max {max(accs):.3f} std {np.std(accs):.3f}")


if __name__ == "__main__":
    main()

"""Measure the a07 (Keras XOR) rule: how often does each network learn XOR, seed by seed?

    python tools/measure_a07_xor.py --seeds 20 [--variants reference,eight_layers,...] [--epochs 1000]

Each variant is saved and trained through the grader's own trainer process (the lab's 1000
epochs on the four points, batch of 4, as grading does) once per grader seed. It prints the
accuracy per seed, the share of seeds that reach 1.0, and for k = 1..5 whether the best of
seeds 0..k-1 (what ``training.best_of: k`` grades) reaches 1.0, and over all windows of k
consecutive seeds how often the best of k misses 1.0. docs/assignments/a07_keras_xor.md quotes the
figures behind grading.yml's ``best_of``.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VARIANTS = {
    # name -> (hidden layers as "units:activation", output activation, loss, optimizer)
    "reference": (["32:sigmoid"], "sigmoid", "mean_squared_error", "adam"),
    "binary_crossentropy": (["32:sigmoid"], "sigmoid", "binary_crossentropy", "adam"),
    "eight_layers": (["32:sigmoid"] * 6, "sigmoid", "mean_squared_error", "adam"),
    "relu_hidden": (["32:relu"], "sigmoid", "mean_squared_error", "adam"),
    "linear_hidden": (["32:linear"], "sigmoid", "mean_squared_error", "adam"),
    "no_hidden": ([], "sigmoid", "mean_squared_error", "adam"),
    "sgd": (["32:sigmoid"], "sigmoid", "mean_squared_error", "sgd"),
}


def build(spec: tuple):
    import keras

    hidden, out_act, loss, opt = spec
    layers = [keras.Input(shape=(2,))]
    for item in hidden:
        units, act = item.split(":")
        layers.append(keras.layers.Dense(int(units), activation=act))
    layers.append(keras.layers.Dense(1, activation=out_act))
    model = keras.models.Sequential(layers)
    model.compile(loss=loss, optimizer=opt, metrics=["binary_accuracy"])
    return model


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--epochs", type=int, default=1000)
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from grader.kits.keras.client import Trainer

    tmp = tempfile.mkdtemp(prefix="a07-measure-")
    seeds = list(range(args.seeds))
    for name in args.variants.split(","):
        path = os.path.join(tmp, f"{name}.keras")
        build(VARIANTS[name]).save(path)
        trainer = Trainer.start({"device": "cpu", "dataset": "xor"})
        try:
            trainer.ready(300)
            t = time.perf_counter()
            trainer.submit(path, {"epochs": args.epochs, "batch_size": 4, "seed": 0, "seeds": seeds,
                                  "steps_per_execution": 1000})
            trainer.loaded(120)
            res = trainer.result(3600)
        finally:
            trainer.close()
        accs = res["seed_accuracies"]
        solved = [a == 1.0 for a in accs]
        print(f"{name:20s} per seed: {' '.join(f'{a:.2f}' for a in accs)}  "
              f"({sum(solved)}/{len(accs)} reach 1.0; {res['train_seconds'] / len(accs):.2f} s a seed, "
              f"wall {time.perf_counter() - t:.1f} s)", flush=True)
        for k in range(1, 6):
            windows = [any(solved[i:i + k]) for i in range(len(solved) - k + 1)]
            print(f"{'':20s} best of {k}: seeds 0..{k - 1} -> {'1.0' if any(solved[:k]) else 'below 1.0'}; "
                  f"windows of {k} consecutive seeds missing 1.0: {windows.count(False)}/{len(windows)}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Measure the a06 accuracy bar: train the reference (and wrong models) with several seeds.

    python tools/measure_a06_thresholds.py --seeds 10 [--variants reference,sgd_tiny_lr] [--device cpu]

Each run goes through the grader's own trainer process (same data, epochs, batch
size and speed settings as grading), so the figures are the ones grading sees.
Prints one line per run and a summary (mean, std, min, max) per variant. The
results behind grading.yml's ``min_test_accuracy`` / ``zero_credit_accuracy``
are quoted in tests/a06_fashion_mnist/test_hidden_fashion_mnist.py.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VARIANTS = {
    # name -> (layers between Flatten and the output, output activation, optimizer expression)
    "reference": ("D,128,32", "softmax", "'adam'"),
    "no_dropout": ("128,32", "softmax", "'adam'"),
    "dropout_after_128": ("128,D,32", "softmax", "'adam'"),
    "sgd_tiny_lr": ("D,128,32", "softmax", "keras.optimizers.SGD(learning_rate=1e-5)"),
    "adam_lr_10": ("D,128,32", "softmax", "keras.optimizers.Adam(learning_rate=10.0)"),
    "linear_output": ("D,128,32", "linear", "'adam'"),
    "sgd_default": ("D,128,32", "softmax", "'sgd'"),
}


def build(spec: tuple[str, str, str]):
    import keras

    hidden, out_act, opt = spec
    layers = [keras.Input(shape=(28, 28)), keras.layers.Flatten()]
    for item in hidden.split(","):
        layers.append(keras.layers.Dropout(0.2) if item == "D" else keras.layers.Dense(int(item), activation="relu"))
    layers.append(keras.layers.Dense(10, activation=out_act))
    model = keras.models.Sequential(layers)
    model.compile(optimizer=eval(opt, {"keras": keras}), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--variants", default="reference")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--backend", default="tensorflow", choices=["tensorflow", "torch"])
    parser.add_argument("--steps-per-execution", type=int, default=300)
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ["KERAS_BACKEND"] = args.backend
    os.environ.setdefault("XLA_PYTHON_CLIENT_PREALLOCATE", "false")  # the trainer shares the GPU with this process
    from grader.kits.keras.client import Trainer, TrainerFailed

    tmp = tempfile.mkdtemp(prefix="a06-measure-")
    for name in args.variants.split(","):
        path = os.path.join(tmp, f"{name}.keras")
        build(VARIANTS[name]).save(path)  # (the trainer cache is off: no cache_dir in the requests)
        accs = []
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            trainer = Trainer.start({"device": args.device, "backend": args.backend})
            try:
                info = trainer.ready(300)
                trainer.submit(path, {"epochs": 10, "batch_size": 64, "seed": seed,
                                      "steps_per_execution": args.steps_per_execution})
                trainer.loaded(120)
                t = time.perf_counter()
                res = trainer.result(1800)
                accs.append(res["test_accuracy"])
                print(f"{name:18s} seed {seed:2d}  acc {res['test_accuracy']:.4f}  train {res['train_seconds']:.1f} s"
                      f"  wall {time.perf_counter() - t:.1f} s  device {info['device']}", flush=True)
            except TrainerFailed as exc:
                print(f"{name:18s} seed {seed:2d}  FAILED {exc}", flush=True)
            finally:
                trainer.close()
        if accs:
            sd = statistics.stdev(accs) if len(accs) > 1 else 0.0
            print(f"== {name}: n={len(accs)} mean {statistics.mean(accs):.4f} std {sd:.4f} "
                  f"min {min(accs):.4f} max {max(accs):.4f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

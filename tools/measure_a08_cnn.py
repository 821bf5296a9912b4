"""Size the a08 Fashion-MNIST CNN lab: accuracy and training time of candidate CNNs, per seed.

    python tools/measure_a08_cnn.py --seeds 10 --epochs 2 [--variants slides,small,mlp_reference]

Every run goes through the grader's own trainer (Fashion-MNIST, the model's (28, 28, 1) input
given its channel axis by the trainer, batch 64, as grading does), so the figures are the ones
grading sees. The issue's bar: one training under 2 minutes on the 2-core development CPU, with
an accuracy that tells a working CNN from a broken one; ``plain_fit`` times the same model with
a plain ``model.fit`` in this process, to show the trainer is no slower.
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
    # name -> (conv filters, dense units, output activation, optimizer)
    "slides": ((32, 64, 64), 64, "softmax", "adam"),    # slides 000, "CNN?" (93,322 parameters)
    "small": ((16, 32, 32), 64, "softmax", "adam"),
    "two_conv": ((32, 64), 64, "softmax", "adam"),
    "linear_out": ((32, 64, 64), 64, "linear", "adam"),  # a wrong one: no softmax output, probability loss
    "sgd_tiny_lr": ((32, 64, 64), 64, "softmax", "SGD(1e-5)"),   # a wrong one: does not learn
    "sgd": ((32, 64, 64), 64, "softmax", "sgd"),                 # plain SGD at its default rate 0.01
}


def build(spec: tuple):
    import keras

    filters, dense, out_act, opt = spec
    layers = [keras.Input(shape=(28, 28, 1))]
    for i, f in enumerate(filters):
        layers.append(keras.layers.Conv2D(f, (3, 3), activation="relu"))
        if i < len(filters) - 1:
            layers.append(keras.layers.MaxPooling2D((2, 2)))
    layers += [keras.layers.Flatten(), keras.layers.Dense(dense, activation="relu"),
               keras.layers.Dense(10, activation=out_act)]
    model = keras.models.Sequential(layers)
    optimizer = keras.optimizers.SGD(learning_rate=1e-5) if opt == "SGD(1e-5)" else opt
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def plain_fit(spec: tuple, epochs: int) -> float:
    """Seconds of a plain model.fit of the same model in this process (the baseline)."""
    import keras

    from grader.kits.datasets import fashion_mnist

    data = fashion_mnist.training_data()
    keras.utils.set_random_seed(0)
    model = build(spec)
    start = time.perf_counter()
    model.fit(data.x_train[..., None], data.y_train, epochs=epochs, batch_size=64, verbose=0)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--variants", default="slides,small")
    parser.add_argument("--plain-fit", action="store_true", help="also time a plain model.fit (seed 0)")
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from grader.kits.keras.client import Trainer

    tmp = tempfile.mkdtemp(prefix="a08-measure-")
    for name in args.variants.split(","):
        path = os.path.join(tmp, f"{name}.keras")
        model = build(VARIANTS[name])
        model.save(path)
        accs, secs = [], []
        for seed in range(args.seeds):
            trainer = Trainer.start({"device": "cpu", "dataset": "fashion_mnist"})
            try:
                trainer.ready(300)
                trainer.submit(path, {"epochs": args.epochs, "batch_size": 64, "seed": seed,
                                      "steps_per_execution": 300})
                trainer.loaded(120)
                res = trainer.result(3600)
            finally:
                trainer.close()
            accs.append(res["test_accuracy"])
            secs.append(res["train_seconds"])
            print(f"{name:20s} seed {seed:2d}  acc {res['test_accuracy']:.4f}  train {res['train_seconds']:.1f} s",
                  flush=True)
        sd = statistics.stdev(accs) if len(accs) > 1 else 0.0
        print(f"== {name} ({model.count_params()} parameters, {args.epochs} epochs): n={len(accs)} mean "
              f"{statistics.mean(accs):.4f} std {sd:.4f} min {min(accs):.4f} max {max(accs):.4f}; training "
              f"{statistics.mean(secs):.1f} s on average", flush=True)
        if args.plain_fit:
            print(f"== {name}: plain model.fit {plain_fit(VARIANTS[name], args.epochs):.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

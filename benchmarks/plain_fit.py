"""The baseline for bench_a06.py: the Fashion-MNIST lab script a student would write, timed as a whole process.

    python benchmarks/plain_fit.py DATA_DIR [ASSIGNMENT MODULE]
    (default a06_fashion_mnist fashion_mnist_lab; KERAS_BACKEND picks the backend, TensorFlow by default)

Imports Keras, loads Fashion-MNIST from DATA_DIR, builds reference/'s model
(the images given a channel axis when the model declares one, as the slides'
CNN code reshapes them) and runs model.fit for the lab's EPOCHS at its
BATCH_SIZE, then evaluates on the test set. Prints the accuracy and the
seconds spent in fit.
"""
import gzip
import os
import sys
import time

import keras
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ASSIGNMENT, MODULE = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else ("a06_fashion_mnist", "fashion_mnist_lab")
sys.path.insert(0, os.path.join(ROOT, "reference", ASSIGNMENT))
lab = __import__(MODULE)


def read(folder: str, name: str, offset: int) -> np.ndarray:
    with gzip.open(os.path.join(folder, name), "rb") as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


folder = sys.argv[1]
x_train = read(folder, "train-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28) / 255.0
y_train = read(folder, "train-labels-idx1-ubyte.gz", 8)
x_test = read(folder, "t10k-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28) / 255.0
y_test = read(folder, "t10k-labels-idx1-ubyte.gz", 8)
keras.utils.set_random_seed(0)
model = lab.build_model()
if len(model.input_shape) == 4:  # a CNN's (28, 28, 1)
    x_train, x_test = x_train[..., None], x_test[..., None]
start = time.perf_counter()
model.fit(x_train, y_train, epochs=lab.EPOCHS, batch_size=lab.BATCH_SIZE, verbose=0)
fit = time.perf_counter() - start
print(f"accuracy {model.evaluate(x_test, y_test, verbose=0)[1]:.4f} fit {fit:.1f} s backend {keras.backend.backend()}")

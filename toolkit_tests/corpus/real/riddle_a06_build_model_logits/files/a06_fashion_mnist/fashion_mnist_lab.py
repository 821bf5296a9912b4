# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/antoinewg/riddle (commit 370eaa86287c), src/build_model.py
# Source: https://github.com/antoinewg/riddle (commit 370eaa86287c), src/main.py
# Source: https://github.com/antoinewg/riddle (commit 370eaa86287c), src/load_data.py
# Licence: Apache-2.0 (antoinewg/riddle) (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - build_model.py, main.py and load_data.py in one module: Dense(32, activation="relu") added to build_model()'s list (the only layer change)
#   - main.py's EPOCHS = 10 kept and the lab's BATCH_SIZE = 64 added beside it
#   - main.py's steps under `if __name__ == "__main__":`, without its TensorBoard callback (its setup_tensorboard module is not part of this); load_data() reads Fashion-MNIST instead of MNIST

import tensorflow as tf


EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    model = tf.keras.models.Sequential(
        [
            tf.keras.layers.Flatten(input_shape=(28, 28)),
            tf.keras.layers.Dense(128, activation="relu"),
            tf.keras.layers.Dropout(0.2),
            tf.keras.layers.Dense(32, activation="relu"),
            tf.keras.layers.Dense(10),
        ]
    )
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    model.compile(optimizer="adam", loss=loss_fn, metrics=["accuracy"])

    return model


def load_data():
    mnist = tf.keras.datasets.fashion_mnist
    (x_train, y_train), (x_test, y_test) = mnist.load_data()
    x_train, x_test = x_train / 255.0, x_test / 255.0
    return x_train, x_test, y_train, y_test


if __name__ == "__main__":
    # 1/ Load dataset
    x_train, x_test, y_train, y_test = load_data()

    # 2/ Build model
    model = build_model()

    # 3/ Train model
    model.fit(x_train, y_train, epochs=EPOCHS)

    # 4/ Evaluate model
    model.evaluate(x_test, y_test, verbose=2)

# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/rickiepark/handson-ml2 (commit 6f56ad130f97), 10_neural_nets_with_keras.ipynb
# Licence: Apache-2.0 (rickiepark/handson-ml2) (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the notebook's build_model() (cell 128) with the lab's network in its .add() style (InputLayer(input_shape=[28, 28]), Flatten, Dropout(0.2), Dense(128), Dense(32), Dense(10, softmax)) in place of its n_hidden loop and Dense(1); the loss mse becomes sparse_categorical_crossentropy with metrics=['accuracy']; n_hidden/n_neurons dropped
#   - the lab's constants EPOCHS = 10 and BATCH_SIZE = 64 added
#   - the notebook's Fashion-MNIST loading and fit (cells 21, 27, 57) under `if __name__ == "__main__":`

import tensorflow as tf
from tensorflow import keras


EPOCHS = 10
BATCH_SIZE = 64


def build_model(learning_rate=3e-3, input_shape=[28, 28]):
    model = keras.models.Sequential()
    model.add(keras.layers.InputLayer(input_shape=input_shape))
    model.add(keras.layers.Flatten())
    model.add(keras.layers.Dropout(0.2))
    model.add(keras.layers.Dense(128, activation="relu"))
    model.add(keras.layers.Dense(32, activation="relu"))
    model.add(keras.layers.Dense(10, activation="softmax"))
    optimizer = keras.optimizers.SGD(lr=learning_rate)
    model.compile(loss="sparse_categorical_crossentropy", optimizer=optimizer, metrics=["accuracy"])
    return model


if __name__ == "__main__":
    fashion_mnist = keras.datasets.fashion_mnist
    (X_train_full, y_train_full), (X_test, y_test) = fashion_mnist.load_data()

    X_valid, X_train = X_train_full[:5000] / 255., X_train_full[5000:] / 255.
    y_valid, y_train = y_train_full[:5000], y_train_full[5000:]
    X_test = X_test / 255.

    model = build_model()

    history = model.fit(X_train, y_train, epochs=30,
                        validation_data=(X_valid, y_valid))

"""The CNN on Fashion-MNIST (slides 000, "Fashion-MNIST data: CNN?"): reference solution.

Three 3x3 ReLU convolutions of 32, 64 and 64 filters, 2x2 max pooling after the first two,
a 64-unit ReLU layer and 10 softmax outputs; Adam and sparse categorical cross-entropy;
2 epochs of batch 64 (the lab's size, chosen so that the grader's training stays under two
minutes on a 2-core CPU: README, a08).
"""
from tensorflow import keras

EPOCHS = 2
BATCH_SIZE = 64


def build_model() -> keras.Model:
    model = keras.models.Sequential([
        keras.Input(shape=(28, 28, 1)),
        keras.layers.Conv2D(32, (3, 3), activation="relu"),
        keras.layers.MaxPooling2D((2, 2)),
        keras.layers.Conv2D(64, (3, 3), activation="relu"),
        keras.layers.MaxPooling2D((2, 2)),
        keras.layers.Conv2D(64, (3, 3), activation="relu"),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model

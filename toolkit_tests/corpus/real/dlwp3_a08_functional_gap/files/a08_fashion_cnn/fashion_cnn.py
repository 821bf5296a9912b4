# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/fchollet/deep-learning-with-python-notebooks (commit dea84a4e12cc), chapter08_image-classification.ipynb
# Licence: MIT, Copyright (c) 2017-present François Chollet (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the book's first convnet (its own network: 64, 128 and 256 filters, GlobalAveragePooling2D, no hidden Dense
#     layer) and its compile cell wrapped in build_model() as they are, with the lab's module constants EPOCHS = 2
#     and BATCH_SIZE = 64
#   - the source's data loading and training moved under `if __name__ == "__main__":`
import keras
from keras import layers

EPOCHS = 2
BATCH_SIZE = 64


def build_model():
    inputs = keras.Input(shape=(28, 28, 1))
    x = layers.Conv2D(filters=64, kernel_size=3, activation="relu")(inputs)
    x = layers.MaxPooling2D(pool_size=2)(x)
    x = layers.Conv2D(filters=128, kernel_size=3, activation="relu")(x)
    x = layers.MaxPooling2D(pool_size=2)(x)
    x = layers.Conv2D(filters=256, kernel_size=3, activation="relu")(x)
    x = layers.GlobalAveragePooling2D()(x)
    outputs = layers.Dense(10, activation="softmax")(x)
    model = keras.Model(inputs=inputs, outputs=outputs)
    model.compile(
        optimizer="adam",
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


if __name__ == "__main__":
    from keras.datasets import mnist

    (train_images, train_labels), (test_images, test_labels) = mnist.load_data()
    train_images = train_images.reshape((60000, 28, 28, 1))
    train_images = train_images.astype("float32") / 255
    test_images = test_images.reshape((10000, 28, 28, 1))
    test_images = test_images.astype("float32") / 255
    model = build_model()
    model.fit(train_images, train_labels, epochs=EPOCHS, batch_size=BATCH_SIZE)

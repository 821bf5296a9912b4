# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/fchollet/deep-learning-with-python-notebooks (commit dea84a4e12cc), chapter07_deep-dive-keras.ipynb
# Licence: MIT, Copyright (c) 2017-present François Chollet (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - get_mnist_model renamed build_model; its Input(shape=(28 * 28,)) -> Dense(512) -> Dropout(0.5) chain changed to the lab's network in the same functional style (Input(shape=(28, 28)), Flatten, Dropout(0.2), Dense(128), Dense(32)); the lab's constants EPOCHS = 10 and BATCH_SIZE = 64 added
#   - cell 53's data loading, compile, fit and evaluate moved under `if __name__ == "__main__":` (its reshape to 784 dropped: the model flattens the images)

import keras
from keras import layers


EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    inputs = keras.Input(shape=(28, 28))
    features = layers.Flatten()(inputs)
    features = layers.Dropout(0.2)(features)
    features = layers.Dense(128, activation="relu")(features)
    features = layers.Dense(32, activation="relu")(features)
    outputs = layers.Dense(10, activation="softmax")(features)
    model = keras.Model(inputs, outputs)
    return model


if __name__ == "__main__":
    from keras.datasets import mnist
    (images, labels), (test_images, test_labels) = mnist.load_data()
    images = images.astype("float32") / 255
    test_images = test_images.astype("float32") / 255
    train_images, val_images = images[10000:], images[:10000]
    train_labels, val_labels = labels[10000:], labels[:10000]

    model = build_model()
    model.compile(
        optimizer="adam",
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(
        train_images,
        train_labels,
        epochs=3,
        validation_data=(val_images, val_labels),
    )
    test_metrics = model.evaluate(test_images, test_labels)
    predictions = model.predict(test_images)

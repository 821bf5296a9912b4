# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/bahalbach/nbaproject (commit b2336452ebef), tftutorials/tf.py
# Licence: MIT, Copyright (c) 2021 bahalbach (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the layer list changed to the lab's network (Dropout(0.2) into Dense(128, relu), Dense(32, relu), Dense(10, softmax)) written in the source's own style
#   - wrapped in build_model() with the lab's module constants EPOCHS = 10 and BATCH_SIZE = 64; its compile call inside it
#   - the source's data loading, training and evaluation moved under `if __name__ == "__main__":`

# %%
from tensorflow import keras


EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    model = keras.models.Sequential([
        keras.layers.Flatten(input_shape=[28, 28]),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(128, activation='relu'),
        keras.layers.Dense(32, activation='relu'),
        keras.layers.Dense(10, activation='softmax')
    ])

    model.compile(loss=keras.losses.SparseCategoricalCrossentropy())
    return model


if __name__ == "__main__":
    (x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()

    model = build_model()

    model.fit(x_train, y_train)

"""LAB 8-1 written in the idiom of Deep Learning with Python, 3rd ed. notebooks (fchollet/deep-learning-with-python-notebooks, chapter 7)
(MIT): Keras 3 imports and model.add().
Written for the grader's corpus (the public code teaches another network; only its way of writing
Keras is followed here).
"""

import keras
from keras import layers

EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    model = keras.Sequential()
    model.add(keras.Input(shape=(28, 28)))
    model.add(layers.Flatten())
    model.add(layers.Dropout(0.2))
    model.add(layers.Dense(128, activation="relu"))
    model.add(layers.Dense(32, activation="relu"))
    model.add(layers.Dense(10, activation="softmax"))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model

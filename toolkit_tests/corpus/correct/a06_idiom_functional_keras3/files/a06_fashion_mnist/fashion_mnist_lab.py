"""LAB 8-1 written in the idiom of Deep Learning with Python, 3rd ed. notebooks (fchollet/deep-learning-with-python-notebooks, chapter 7)
(MIT): the functional API with keras.Input and a keras.Model.
Written for the grader's corpus (the public code teaches another network; only its way of writing
Keras is followed here).
"""

import keras
from keras import layers

EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    inputs = keras.Input(shape=(28, 28), name="images")
    x = layers.Flatten()(inputs)
    x = layers.Dropout(0.2)(x)
    x = layers.Dense(128, activation="relu")(x)
    x = layers.Dense(32, activation="relu")(x)
    outputs = layers.Dense(10, activation="softmax")(x)
    model = keras.Model(inputs=inputs, outputs=outputs, name="lab_8_1")
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model

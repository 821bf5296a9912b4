"""LAB 8-1 written in the idiom of Hands-On Machine Learning, 2nd ed. notebooks (ageron/handson-ml2, 10_neural_nets_with_keras)
(Apache-2.0): keras.models.Sequential with input_shape=[28, 28] as a list.
Written for the grader's corpus (the public code teaches another network; only its way of writing
Keras is followed here).
"""

from tensorflow import keras

EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    model = keras.models.Sequential()
    model.add(keras.layers.Flatten(input_shape=[28, 28]))
    model.add(keras.layers.Dropout(rate=0.2))
    model.add(keras.layers.Dense(128, activation="relu"))
    model.add(keras.layers.Dense(32, activation="relu"))
    model.add(keras.layers.Dense(10, activation="softmax"))
    model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    return model

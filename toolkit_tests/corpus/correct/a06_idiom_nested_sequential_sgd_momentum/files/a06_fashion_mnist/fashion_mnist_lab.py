"""LAB 8-1 written in the idiom of Hands-On Machine Learning, 2nd ed. notebooks (ageron/handson-ml2, a model made of sub-models)
(Apache-2.0): a nested Sequential (an encoder inside the model) and SGD(learning_rate=0.1, momentum=0.9).
Written for the grader's corpus (the public code teaches another network; only its way of writing
Keras is followed here).
"""

from tensorflow import keras

EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    encoder = keras.models.Sequential([
        keras.layers.Flatten(input_shape=[28, 28]),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
    ])
    model = keras.models.Sequential([encoder, keras.layers.Dense(10, activation="softmax")])
    model.compile(loss="sparse_categorical_crossentropy",
                  optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
                  metrics=["accuracy"])
    return model

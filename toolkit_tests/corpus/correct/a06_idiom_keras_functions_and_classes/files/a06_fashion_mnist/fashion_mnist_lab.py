"""LAB 8-1 written in the idiom of the Keras API documentation's examples (keras.io: activations, losses, metrics)
(Apache-2.0): activations as keras.activations functions, the loss as the function keras.losses.sparse_categorical_crossentropy, a metric object.
Written for the grader's corpus (the public code teaches another network; only its way of writing
Keras is followed here).
"""

import keras

EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    model = keras.Sequential([
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(128, activation=keras.activations.relu),
        keras.layers.Dense(32, activation=keras.activations.relu),
        keras.layers.Dense(10, activation=keras.activations.softmax),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss=keras.losses.sparse_categorical_crossentropy,
                  metrics=[keras.metrics.SparseCategoricalAccuracy()])
    return model

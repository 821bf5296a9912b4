"""LAB 8-1 written in the idiom of the Keras API documentation's layer examples (keras.io: ReLU and Softmax layers)
(Apache-2.0): ReLU() and Softmax() layers and the loss as SparseCategoricalCrossentropy().
Written for the grader's corpus (the public code teaches another network; only its way of writing
Keras is followed here).
"""

import tensorflow as tf
from tensorflow.keras import layers

EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    model = tf.keras.Sequential([
        layers.Flatten(input_shape=(28, 28)),
        layers.Dropout(0.2),
        layers.Dense(128), layers.ReLU(),
        layers.Dense(32), layers.ReLU(),
        layers.Dense(10), layers.Softmax(),
    ])
    model.compile(optimizer=tf.keras.optimizers.Adam(),
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(),
                  metrics=["accuracy"])
    return model

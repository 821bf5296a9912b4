"""LAB 8-1 written in the idiom of the DeepLearning.AI TensorFlow course labs (https-deeplearning-ai/tensorflow-1-public)
(Apache-2.0): tf.keras.Input inside the Sequential list and tf.optimizers.Adam().
Written for the grader's corpus (the public code teaches another network; only its way of writing
Keras is followed here).
"""

import tensorflow as tf

EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    model = tf.keras.models.Sequential([
        tf.keras.Input(shape=(28, 28)),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(128, activation=tf.nn.relu),
        tf.keras.layers.Dense(32, activation=tf.nn.relu),
        tf.keras.layers.Dense(10, activation=tf.nn.softmax)
    ])
    model.compile(optimizer=tf.optimizers.Adam(),
                  loss='sparse_categorical_crossentropy',
                  metrics=['accuracy'])
    return model

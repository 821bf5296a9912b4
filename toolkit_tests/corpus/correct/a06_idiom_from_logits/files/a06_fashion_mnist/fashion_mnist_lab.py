"""LAB 8-1 written in the idiom of the current TensorFlow classification tutorial (tensorflow/docs, site/en/tutorials/keras/classification.ipynb)
(Apache-2.0): a linear output layer with SparseCategoricalCrossentropy(from_logits=True).
Written for the grader's corpus (the public code teaches another network; only its way of writing
Keras is followed here).
"""

import tensorflow as tf

EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    model = tf.keras.Sequential([
        tf.keras.layers.Flatten(input_shape=(28, 28)),
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(128, activation='relu'),
        tf.keras.layers.Dense(32, activation='relu'),
        tf.keras.layers.Dense(10)
    ])
    model.compile(optimizer='adam',
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=['accuracy'])
    return model

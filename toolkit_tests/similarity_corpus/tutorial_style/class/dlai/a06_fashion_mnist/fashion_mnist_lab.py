# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/https-deeplearning-ai/tensorflow-1-public (commit 025abb3e6bd6), C1/W2/ungraded_labs/C1_W2_Lab_1_beyond_hello_world.ipynb
# Licence: Apache-2.0 (https-deeplearning-ai/tensorflow-1-public) (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the layer list changed to the lab's network (Dropout(0.2) into Dense(128, relu), Dense(32, relu), Dense(10, softmax)) written in the source's own style
#   - wrapped in build_model() with the lab's module constants EPOCHS = 10 and BATCH_SIZE = 64; the lab's compile call inside it
#   - the source's data loading, training and evaluation moved under `if __name__ == "__main__":`

import tensorflow as tf
import numpy as np
import matplotlib.pyplot as plt


EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    # Build the classification model
    model = tf.keras.models.Sequential([
        tf.keras.Input(shape=(28,28)),
        tf.keras.layers.Flatten(), 
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(128, activation=tf.nn.relu), 
        tf.keras.layers.Dense(32, activation=tf.nn.relu),
        tf.keras.layers.Dense(10, activation=tf.nn.softmax)
    ])

    model.compile(optimizer = tf.optimizers.Adam(),
                  loss = 'sparse_categorical_crossentropy',
                  metrics=['accuracy'])
    return model


if __name__ == "__main__":
    # Load the Fashion MNIST dataset
    fmnist = tf.keras.datasets.fashion_mnist

    # Load the training and test split of the Fashion MNIST dataset
    (training_images, training_labels), (test_images, test_labels) = fmnist.load_data()

    # Normalize the pixel values of the train and test images
    training_images  = training_images / 255.0
    test_images = test_images / 255.0

    model = build_model()

    model.fit(training_images, training_labels, epochs=5)

    # Evaluate the model on unseen data
    model.evaluate(test_images, test_labels)

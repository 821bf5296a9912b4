# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/tensorflow/examples (commit 608f7db8c511), courses/udacity_intro_to_tensorflow_for_deep_learning/l03c01_classifying_images_of_clothing.ipynb
# Licence: Apache-2.0, Copyright 2018 The TensorFlow Authors (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the layer list changed to the lab's network (Dropout(0.2) into Dense(128, relu), Dense(32, relu), Dense(10, softmax)) written in the source's own style
#   - wrapped in build_model() with the tutorial's compile cell; EPOCHS = 10 added beside the notebook's own `BATCH_SIZE = 32`, kept
#   - the source's data loading, training and evaluation moved under `if __name__ == "__main__":` (with the tensorflow_datasets import, used only for the data)

import tensorflow as tf

# Helper libraries
import math
import numpy as np
import matplotlib.pyplot as plt

import logging
logger = tf.get_logger()
logger.setLevel(logging.ERROR)


EPOCHS = 10
BATCH_SIZE = 32


def build_model():
    model = tf.keras.Sequential([
        tf.keras.layers.Flatten(input_shape=(28, 28, 1)),
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(128, activation=tf.nn.relu),
        tf.keras.layers.Dense(32, activation=tf.nn.relu),
        tf.keras.layers.Dense(10, activation=tf.nn.softmax)
    ])

    model.compile(optimizer='adam',
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(),
                  metrics=['accuracy'])
    return model


if __name__ == "__main__":
    # Import TensorFlow Datasets
    import tensorflow_datasets as tfds
    tfds.disable_progress_bar()

    dataset, metadata = tfds.load('fashion_mnist', as_supervised=True, with_info=True)
    train_dataset, test_dataset = dataset['train'], dataset['test']

    num_train_examples = metadata.splits['train'].num_examples
    num_test_examples = metadata.splits['test'].num_examples
    print("Number of training examples: {}".format(num_train_examples))
    print("Number of test examples:     {}".format(num_test_examples))

    def normalize(images, labels):
      images = tf.cast(images, tf.float32)
      images /= 255
      return images, labels

    # The map function applies the normalize function to each element in the train
    # and test datasets
    train_dataset =  train_dataset.map(normalize)
    test_dataset  =  test_dataset.map(normalize)

    # The first time you use the dataset, the images will be loaded from disk
    # Caching will keep them in memory, making training faster
    train_dataset =  train_dataset.cache()
    test_dataset  =  test_dataset.cache()

    model = build_model()

    train_dataset = train_dataset.cache().repeat().shuffle(num_train_examples).batch(BATCH_SIZE)
    test_dataset = test_dataset.cache().batch(BATCH_SIZE)

    model.fit(train_dataset, epochs=5, steps_per_epoch=math.ceil(num_train_examples/BATCH_SIZE))

    test_loss, test_accuracy = model.evaluate(test_dataset, steps=math.ceil(num_test_examples/32))
    print('Accuracy on test dataset:', test_accuracy)

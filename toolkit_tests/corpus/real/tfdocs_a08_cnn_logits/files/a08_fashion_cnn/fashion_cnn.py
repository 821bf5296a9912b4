# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/tensorflow/docs (commit 7c3650212740), site/en/tutorials/images/cnn.ipynb (today's version, on CIFAR-10)
# Licence: Apache-2.0, Copyright 2019 The TensorFlow Authors (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the tutorial's model and compile cells wrapped in build_model() with the lab's module constants EPOCHS = 2 and
#     BATCH_SIZE = 64; the input shape changed from CIFAR-10's (32, 32, 3) to Fashion-MNIST's (28, 28, 1); the
#     tutorial's linear Dense(10) output with from_logits=True left as it is
#   - the source's data loading and training moved under `if __name__ == "__main__":`
#@title Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
# https://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

import tensorflow as tf

from tensorflow.keras import datasets, layers, models

EPOCHS = 2
BATCH_SIZE = 64


def build_model():
    model = models.Sequential()
    model.add(layers.Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)))
    model.add(layers.MaxPooling2D((2, 2)))
    model.add(layers.Conv2D(64, (3, 3), activation='relu'))
    model.add(layers.MaxPooling2D((2, 2)))
    model.add(layers.Conv2D(64, (3, 3), activation='relu'))

    model.add(layers.Flatten())
    model.add(layers.Dense(64, activation='relu'))
    model.add(layers.Dense(10))

    model.compile(optimizer='adam',
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=['accuracy'])
    return model


if __name__ == "__main__":
    (train_images, train_labels), (test_images, test_labels) = datasets.fashion_mnist.load_data()

    # Normalize pixel values to be between 0 and 1
    train_images, test_images = train_images / 255.0, test_images / 255.0

    model = build_model()
    history = model.fit(train_images[..., None], train_labels, epochs=EPOCHS,
                        validation_data=(test_images[..., None], test_labels))

# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/tensorflow/docs (commit 5b0b907731a4), site/en/tutorials/images/cnn.ipynb (the 2019 version, on MNIST)
# Licence: Apache-2.0, Copyright 2019 The TensorFlow Authors (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the tutorial's model and compile cells wrapped in build_model() as they are, with the lab's module constants
#     EPOCHS = 2 and BATCH_SIZE = 64
#   - the TF 2.0 beta's Colab-only import block (tensorflow.compat.v2, enable_v2_behavior) replaced by the plain
#     tensorflow.keras import the same cell makes today
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
    model.add(layers.Dense(10, activation='softmax'))

    model.compile(optimizer='adam',
                  loss='sparse_categorical_crossentropy',
                  metrics=['accuracy'])
    return model


if __name__ == "__main__":
    (train_images, train_labels), (test_images, test_labels) = datasets.mnist.load_data()

    train_images = train_images.reshape((60000, 28, 28, 1))
    test_images = test_images.reshape((10000, 28, 28, 1))

    train_images, test_images = train_images / 255.0, test_images / 255.0

    model = build_model()
    model.fit(train_images, train_labels, epochs=EPOCHS)

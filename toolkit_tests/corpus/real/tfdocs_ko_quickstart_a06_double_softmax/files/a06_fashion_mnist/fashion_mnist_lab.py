# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/tensorflow/docs-l10n (commit 7cb584af651d), site/ko/tutorials/quickstart/beginner.ipynb
# Licence: Apache-2.0, Copyright 2020 The TensorFlow Authors (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the layer list changed to the lab's network in the tutorial's style (its Dropout moved before Dense(128), Dense(32) added)
#   - wrapped in build_model() with the lab's module constants EPOCHS = 10 and BATCH_SIZE = 64; the tutorial's two compile cells and its loss_fn cell inside it, in order (the cells that call the model on data left out)
#   - the source's data loading, training and evaluation moved under `if __name__ == "__main__":`
#   - the notebook's licence cell kept at the top

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
print("TensorFlow version:", tf.__version__)


EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    model = tf.keras.models.Sequential([
      tf.keras.layers.Flatten(input_shape=(28, 28)),
      tf.keras.layers.Dropout(0.2),
      tf.keras.layers.Dense(128, activation='relu'),
      tf.keras.layers.Dense(32, activation='relu'),
      tf.keras.layers.Dense(10, activation='softmax')
    ])

    model.compile(optimizer='adam',
                  loss='sparse_categorical_crossentropy',
                  metrics=['accuracy'])

    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)

    model.compile(optimizer='adam',
                  loss=loss_fn,
                  metrics=['accuracy'])
    return model


if __name__ == "__main__":
    mnist = tf.keras.datasets.mnist

    (x_train, y_train), (x_test, y_test) = mnist.load_data()
    x_train, x_test = x_train / 255.0, x_test / 255.0

    model = build_model()

    model.fit(x_train, y_train, epochs=5)

    model.fit(x_train, y_train, epochs=5)

    model.evaluate(x_test,  y_test, verbose=2)

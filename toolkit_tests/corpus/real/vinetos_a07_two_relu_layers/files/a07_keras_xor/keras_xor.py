# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/Vinetos/neural-network-xor (commit 845666011f9a), python/naman_shah01/neural_net_exor.ipynb
# Licence: The Unlicense (public domain; the text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the notebook's model cell wrapped in build_model() as it is (its own network: two small ReLU layers),
#     with the lab's module constant EPOCHS = 1000
#   - the notebook's data, summary and training moved under `if __name__ == "__main__":`; its early-stop
#     callback and the sklearn/matplotlib cells left out
import numpy as np
import tensorflow as tf

EPOCHS = 1000


def build_model():
    # creating tensorflow model
    model = tf.keras.models.Sequential([
            # input layer
            tf.keras.layers.Dense(2, input_shape = (2,), activation='relu'),
            # hidden layer
            tf.keras.layers.Dense(4, activation='relu'),
            # output neuron
            tf.keras.layers.Dense(1, activation='sigmoid'),
    ])

    model.compile(
        optimizer = 'rmsprop',
        loss = 'binary_crossentropy',
        metrics = ['accuracy']
    )
    return model


if __name__ == "__main__":
    # creating dataset
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    y = np.array([0, 1, 1, 0])

    model = build_model()
    model.summary()

    # training the model
    tf.random.set_seed(17)
    history = model.fit(
            x, y,
            epochs = EPOCHS,
            validation_data = (x, y),
            )

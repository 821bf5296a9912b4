# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/PaperMonoid/keras-xor (commit 7669a00a935f), __main__.py
# Licence: MIT, Copyright (c) 2019 Daniel Santiago Aguila Torres (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the layers changed to the lab's network (one hidden layer of 32 units, one output unit) written in the
#     source's own style: Dense(n) followed by a separate Activation("sigmoid") layer, input_shape=(2,)
#   - wrapped in build_model() with the lab's module constant EPOCHS = 1000; the source's compile kept
#     (rmsprop, binary_crossentropy)
#   - the source's data and training moved under `if __name__ == "__main__":`
from keras.models import Sequential
from keras.layers import Dense, Activation
import numpy as np

EPOCHS = 1000


def build_model():
    # create model with 2 inputs and 1 output
    model = Sequential()

    model.add(Dense(32, input_shape=(2,)))
    model.add(Activation("sigmoid"))

    model.add(Dense(1))
    model.add(Activation("sigmoid"))

    # use loss function for binary classification
    model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
    return model


if __name__ == "__main__":
    model = build_model()

    # training data
    data = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    labels = np.array([0, 1, 1, 0])

    # train model
    model.fit(data, labels, epochs=EPOCHS, batch_size=4)

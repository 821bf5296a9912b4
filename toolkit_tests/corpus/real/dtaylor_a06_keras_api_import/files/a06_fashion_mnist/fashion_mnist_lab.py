# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/dTaylorTC/AutoGrader-TC-CIS (commit 2f6b31fdc648), uploads/assignment/course_1/add-two-numbers/keras001.py
# Licence: MIT, Copyright (c) 2017 (dTaylorTC/AutoGrader-TC-CIS) (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the layer list changed to the lab's network in the file's own style (Flatten, Dropout and Dense layers each followed by an Activation layer; Flatten and Dropout added to its keras.api.layers import)
#   - wrapped in build_model() with the lab's module constants EPOCHS = 10 and BATCH_SIZE = 64 (the file itself has no training code)

from keras import Sequential
from keras.api.layers import Dense, Activation, Flatten, Dropout


EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    model = Sequential([
        Flatten(input_shape=(28, 28)),
        Dropout(0.2),
        Dense(128),
        Activation('relu'),
        Dense(32),
        Activation('relu'),
        Dense(10),
        Activation('softmax'),
    ])
    return model

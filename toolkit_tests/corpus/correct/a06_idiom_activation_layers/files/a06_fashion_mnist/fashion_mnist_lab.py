"""LAB 8-1 written in the idiom of dTaylorTC/AutoGrader-TC-CIS (an MLP with separate Activation layers)
(MIT): separate Activation('relu') and Activation('softmax') layers.
Written for the grader's corpus (the public code teaches another network; only its way of writing
Keras is followed here).
"""

from tensorflow.keras.layers import Activation, Dense, Dropout, Flatten
from tensorflow.keras.models import Sequential

EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    model = Sequential()
    model.add(Flatten(input_shape=(28, 28)))
    model.add(Dropout(0.2))
    model.add(Dense(128))
    model.add(Activation('relu'))
    model.add(Dense(32))
    model.add(Activation('relu'))
    model.add(Dense(10))
    model.add(Activation('softmax'))
    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
    return model

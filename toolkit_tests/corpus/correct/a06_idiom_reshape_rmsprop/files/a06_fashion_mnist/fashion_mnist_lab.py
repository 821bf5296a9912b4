"""LAB 8-1 written in the idiom of the Keras MNIST MLP example (keras-team/keras, examples/mnist_mlp.py)
(MIT): Reshape instead of Flatten and RMSprop() as an instance.
Written for the grader's corpus (the public code teaches another network; only its way of writing
Keras is followed here).
"""

import keras
from keras.layers import Dense, Dropout, Reshape
from keras.models import Sequential
from keras.optimizers import RMSprop

EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    model = Sequential()
    model.add(Reshape((784,), input_shape=(28, 28)))
    model.add(Dropout(0.2))
    model.add(Dense(128, activation='relu'))
    model.add(Dense(32, activation='relu'))
    model.add(Dense(10, activation='softmax'))
    model.compile(loss='sparse_categorical_crossentropy', optimizer=RMSprop(), metrics=['accuracy'])
    return model

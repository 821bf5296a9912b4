# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/keras-team/keras (commit 10bfb1c56558), examples/mnist_mlp.py
# Licence: MIT (Keras, as licensed when this example was written; Copyright François Chollet, Google, Microsoft and contributors) (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the layer list changed to the lab's network in the file's .add() style (Flatten(input_shape=(28, 28)) in place of the reshape to 784)
#   - the model and its compile call wrapped in build_model(); batch_size = 128 / epochs = 20 become the lab's BATCH_SIZE = 64 / EPOCHS = 10
#   - the data loading (Fashion-MNIST instead of MNIST, with the data-only imports of mnist and np_utils), fit and evaluate moved under `if __name__ == "__main__":`

'''Trains a simple deep NN on the MNIST dataset.

Gets to 98.40% test accuracy after 20 epochs
(there is *a lot* of margin for parameter tuning).
2 seconds per epoch on a K520 GPU.
'''

from __future__ import print_function
import numpy as np
np.random.seed(1337)  # for reproducibility

from keras.models import Sequential
from keras.layers import Dense, Dropout, Activation, Flatten
from keras.optimizers import RMSprop


EPOCHS = 10
BATCH_SIZE = 64
num_classes = 10


def build_model():
    model = Sequential()
    model.add(Flatten(input_shape=(28, 28)))
    model.add(Dropout(0.2))
    model.add(Dense(128, activation='relu'))
    model.add(Dense(32, activation='relu'))
    model.add(Dense(10, activation='softmax'))

    model.summary()

    model.compile(loss='categorical_crossentropy',
                  optimizer=RMSprop(),
                  metrics=['accuracy'])
    return model


if __name__ == "__main__":
    from keras.datasets import fashion_mnist
    from keras.utils import np_utils

    # the data, shuffled and split between train and test sets
    (x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()

    x_train = x_train.astype('float32')
    x_test = x_test.astype('float32')
    x_train /= 255
    x_test /= 255
    print(x_train.shape[0], 'train samples')
    print(x_test.shape[0], 'test samples')

    # convert class vectors to binary class matrices
    y_train = np_utils.to_categorical(y_train, num_classes)
    y_test = np_utils.to_categorical(y_test, num_classes)

    model = build_model()

    history = model.fit(x_train, y_train,
                        batch_size=BATCH_SIZE, epochs=EPOCHS,
                        verbose=1, validation_data=(x_test, y_test))
    score = model.evaluate(x_test, y_test, verbose=0)
    print('Test loss:', score[0])
    print('Test accuracy:', score[1])

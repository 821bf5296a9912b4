"""LAB 8-1 with leaky ReLU hidden layers, imported the Keras 2 way."""
from keras.layers import Dense, Dropout, Flatten
from keras.layers.advanced_activations import LeakyReLU
from keras.models import Sequential

EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    model = Sequential()
    model.add(Flatten(input_shape=(28, 28)))
    model.add(Dropout(0.2))
    model.add(Dense(128))
    model.add(LeakyReLU(0.1))
    model.add(Dense(32))
    model.add(LeakyReLU(0.1))
    model.add(Dense(10, activation="softmax"))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model

"""LAB 8-1: Fashion-MNIST classification with Keras (reference solution).

Hidden layers of 128 and 32 units, 20% dropout on the connection from the input
into the 128-unit layer, 10 softmax outputs; 10 epochs, batch size 64.
"""
import keras

EPOCHS = 10
BATCH_SIZE = 64


def build_model() -> keras.Model:
    model = keras.models.Sequential([
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model

"""XOR, functional API, binary cross-entropy and an Adam object."""
from tensorflow import keras
from tensorflow.keras import layers

EPOCHS = 1000


def build_model():
    inputs = keras.Input(shape=(2,), name="xy")
    hidden = layers.Dense(32, activation="sigmoid", name="hidden")(inputs)
    outputs = layers.Dense(1, activation="sigmoid", name="xor")(hidden)
    model = keras.Model(inputs=inputs, outputs=outputs)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  loss=keras.losses.BinaryCrossentropy(), metrics=["accuracy"])
    return model

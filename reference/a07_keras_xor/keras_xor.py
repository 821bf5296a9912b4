"""XOR with Keras (slides 004, "Keras를 이용한 XOR – 1 layer"): reference solution.

One hidden layer of 32 sigmoid units, one sigmoid output; mean squared error, Adam; 1000 epochs.
"""
import keras

EPOCHS = 1000


def build_model() -> keras.Model:
    model = keras.models.Sequential([
        keras.Input(shape=(2,)),
        keras.layers.Dense(32, activation="sigmoid"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(loss="mean_squared_error", optimizer="adam", metrics=["binary_accuracy"])
    return model

"""XOR with the imports of an old TensorFlow 2.0-era tutorial: tensorflow.python.keras."""
from tensorflow.python.keras import layers, models

EPOCHS = 1000


def build_model():
    model = models.Sequential()
    model.add(layers.Dense(32, activation="sigmoid", input_dim=2))
    model.add(layers.Dense(1, activation="sigmoid"))
    model.compile(loss="mean_squared_error", optimizer="adam", metrics=["binary_accuracy"])
    return model

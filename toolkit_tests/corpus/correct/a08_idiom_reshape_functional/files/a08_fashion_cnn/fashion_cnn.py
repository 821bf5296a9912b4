"""The CNN with the functional API, taking (28, 28) images and adding the channel axis itself."""
import keras
from keras import layers

EPOCHS, BATCH_SIZE = 2, 64


def build_model():
    images = keras.Input(shape=(28, 28), name="images")
    x = layers.Reshape((28, 28, 1))(images)
    x = layers.Conv2D(filters=32, kernel_size=3, activation="relu")(x)
    x = layers.MaxPooling2D(pool_size=2)(x)
    x = layers.Conv2D(filters=64, kernel_size=3, activation="relu")(x)
    x = layers.MaxPooling2D(pool_size=2)(x)
    x = layers.Conv2D(filters=64, kernel_size=3, activation="relu")(x)
    x = layers.Flatten()(x)
    x = layers.Dense(64, activation="relu")(x)
    probs = layers.Dense(10, activation="softmax")(x)
    model = keras.Model(images, probs, name="fashion_cnn")
    model.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.SparseCategoricalCrossentropy(),
                  metrics=[keras.metrics.SparseCategoricalAccuracy()])
    return model

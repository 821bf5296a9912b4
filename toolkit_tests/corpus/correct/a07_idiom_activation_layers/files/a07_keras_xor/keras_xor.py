import numpy as np
import tensorflow as tf

EPOCHS = 1000

x_data = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)
y_data = np.array([[0], [1], [1], [0]], dtype=np.float32)


def build_model():
    model = tf.keras.Sequential()
    model.add(tf.keras.layers.Dense(32, input_shape=(2,)))
    model.add(tf.keras.layers.Activation(tf.nn.sigmoid))
    model.add(tf.keras.layers.Dense(1))
    model.add(tf.keras.layers.Activation("sigmoid"))
    model.compile(loss=tf.keras.losses.MeanSquaredError(), optimizer=tf.keras.optimizers.Adam(), metrics=["binary_accuracy"])
    return model


if __name__ == "__main__":
    model = build_model()
    model.fit(x_data, y_data, epochs=EPOCHS, verbose=0)
    print(model.predict(x_data))

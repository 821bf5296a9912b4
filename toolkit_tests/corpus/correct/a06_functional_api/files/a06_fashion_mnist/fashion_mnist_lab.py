import tensorflow as tf

EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    inputs = tf.keras.Input(shape=(28, 28), name="image")
    x = tf.keras.layers.Flatten()(inputs)
    x = tf.keras.layers.Dropout(rate=0.2)(x)
    x = tf.keras.layers.Dense(128)(x)
    x = tf.keras.layers.ReLU()(x)
    x = tf.keras.layers.Dense(32, activation=tf.keras.activations.relu)(x)
    x = tf.keras.layers.Dense(10)(x)
    outputs = tf.keras.layers.Activation("softmax")(x)
    model = tf.keras.Model(inputs=inputs, outputs=outputs, name="lab8_1")
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(),
                  metrics=["accuracy"])
    return model


if __name__ == "__main__":
    (x_train, y_train), (x_test, y_test) = tf.keras.datasets.fashion_mnist.load_data()
    model = build_model()
    model.fit(x_train / 255.0, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE)

# 이준호 - Keras XOR (ReLU가 더 잘 된다고 해서 바꿈)
import tensorflow as tf

EPOCHS = 1000


def build_model():
    model = tf.keras.Sequential([
        tf.keras.layers.Dense(32, activation='relu', input_shape=(2,)),
        tf.keras.layers.Dense(1, activation='sigmoid'),
    ])
    model.compile(loss='mse', optimizer='adam', metrics=['binary_accuracy'])
    return model

# 합성곱 신경망: 활성화 층을 따로 쓰는 스타일
import tensorflow as tf
from tensorflow.keras import layers, models

EPOCHS = 2
BATCH_SIZE = 64


def build_model():
    model = models.Sequential()
    model.add(layers.Conv2D(32, 3, input_shape=(28, 28, 1)))
    model.add(layers.ReLU())
    model.add(layers.MaxPool2D())
    model.add(layers.Conv2D(64, 3))
    model.add(layers.Activation('relu'))
    model.add(layers.MaxPool2D(pool_size=(2, 2), strides=2))
    model.add(layers.Conv2D(64, (3, 3), activation=tf.nn.relu))
    model.add(layers.Flatten())
    model.add(layers.Dense(64))
    model.add(layers.Activation(tf.nn.relu))
    model.add(layers.Dense(10))
    model.add(layers.Softmax())
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
                  loss=tf.keras.losses.sparse_categorical_crossentropy, metrics=['accuracy'])
    return model

# LAB 8-1 (김민지): 슬라이드처럼 Flatten(input_shape=...)으로 시작하는 Sequential 모델
import tensorflow as tf
from tensorflow import keras

EPOCHS = 10
BATCH_SIZE = 64


def build_model():
    model = keras.models.Sequential([
        keras.layers.Flatten(input_shape=(28, 28)),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(128, activation='relu'),
        keras.layers.Dense(32, activation='relu'),
        keras.layers.Dense(10, activation='softmax'),
    ])
    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
    return model


if __name__ == "__main__":
    fashion_mnist = keras.datasets.fashion_mnist
    (train_images, train_labels), (test_images, test_labels) = fashion_mnist.load_data()
    train_images, test_images = train_images / 255.0, test_images / 255.0
    model = build_model()
    history = model.fit(train_images, train_labels, epochs=EPOCHS, batch_size=BATCH_SIZE,
                        validation_data=(test_images, test_labels))
    print(model.evaluate(test_images, test_labels))

# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/rickiepark/hg-mldl (commit eedaeebf6d54), 7-3.ipynb
# Licence: MIT, Copyright (c) 2020 Haesun Park (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - model_fn's Dense(100) becomes the lab's Dense(128) then Dense(32) after the a_layer slot, in the same .add() style
#   - build_model() is the notebook's `model = model_fn(keras.layers.Dropout(...))` with the lab's rate 0.2 and its adam compile cell; the lab's constants EPOCHS = 10 and BATCH_SIZE = 64 added
#   - the source's data loading, training and evaluation moved under `if __name__ == "__main__":` (with the sklearn import, used only to split the data)

# 실행마다 동일한 결과를 얻기 위해 케라스에 랜덤 시드를 사용하고 텐서플로 연산을 결정적으로 만듭니다.
import tensorflow as tf

tf.keras.utils.set_random_seed(42)
tf.config.experimental.enable_op_determinism()


from tensorflow import keras


EPOCHS = 10
BATCH_SIZE = 64


def model_fn(a_layer=None):
    model = keras.Sequential()
    model.add(keras.layers.Flatten(input_shape=(28, 28)))
    model.add(keras.layers.Dense(128, activation='relu'))
    if a_layer:
        model.add(a_layer)
    model.add(keras.layers.Dense(32, activation='relu'))
    model.add(keras.layers.Dense(10, activation='softmax'))
    return model


def build_model():
    model = model_fn(keras.layers.Dropout(0.2))
    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy',
                  metrics=['accuracy'])
    return model


if __name__ == "__main__":
    from sklearn.model_selection import train_test_split

    (train_input, train_target), (test_input, test_target) = \
        keras.datasets.fashion_mnist.load_data()

    train_scaled = train_input / 255.0

    train_scaled, val_scaled, train_target, val_target = train_test_split(
        train_scaled, train_target, test_size=0.2, random_state=42)

    model = build_model()

    history = model.fit(train_scaled, train_target, epochs=20, verbose=0,
                        validation_data=(val_scaled, val_target))

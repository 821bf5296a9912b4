"""LAB 8-1 written in the idiom of the Korean textbook 혼자 공부하는 머신러닝+딥러닝 (rickiepark/hg-mldl, 7-3)
(MIT): a model_fn factory, .add(), keras.optimizers.Adam(learning_rate=...) and loss/metric names given as keywords.
Written for the grader's corpus (the public code teaches another network; only its way of writing
Keras is followed here).
"""

from tensorflow import keras

EPOCHS = 10
BATCH_SIZE = 64


def model_fn(a_layer=None):
    model = keras.Sequential()
    model.add(keras.layers.Flatten(input_shape=(28, 28)))
    if a_layer:
        model.add(a_layer)
    model.add(keras.layers.Dense(128, activation='relu'))
    model.add(keras.layers.Dense(32, activation='relu'))
    model.add(keras.layers.Dense(10, activation='softmax'))
    return model


def build_model():
    model = model_fn(keras.layers.Dropout(0.2))
    adam = keras.optimizers.Adam(learning_rate=0.001)
    model.compile(optimizer=adam, loss='sparse_categorical_crossentropy', metrics=['accuracy'])
    return model

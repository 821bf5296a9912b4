# Keras를 이용한 XOR (김민지): 슬라이드처럼 Sequential에 add로 층을 쌓고 input_dim을 씀
import numpy as np
from keras.models import Sequential
from keras.layers import Dense

EPOCHS = 1000

training_data = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], "float32")
target_data = np.array([[0], [1], [1], [0]], "float32")


def build_model():
    model = Sequential()
    model.add(Dense(32, input_dim=2, activation='sigmoid'))
    model.add(Dense(1, activation='sigmoid'))
    model.compile(loss='mean_squared_error', optimizer='adam', metrics=['binary_accuracy'])
    return model


if __name__ == "__main__":
    model = build_model()
    model.fit(training_data, target_data, epochs=EPOCHS, verbose=2)
    print(model.predict(training_data))

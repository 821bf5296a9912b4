import keras
import numpy as np
from keras.layers import Dense
from keras.models import Sequential

model = Sequential() # 순차 모델 만들기
# 모델은 (*, 1) 형태의 배열을 인풋으로 받고
# (*, 2) 형태의 배열을 출력합니다
model.add(Dense(2, input_shape=(1,)))

model.compile(loss='mean_squared_error', optimizer='SGD')
model_fit = model.fit(x_train, y_train, batch_size=3, epochs=100, verbose=2)
# callbacks=[keras.callbacks.TensorBoard(log_dir='./graph', histogram_freq=1)]
# fit함수의 첫번째 인자는 x 입력값
# fit함수의 두번째 인자는 y 입력값
# fit함수의 세번째 인자는 학습시킬때의 묶음 샘플수
# fit함수의 두번째 인자는 학습의 횟수
# fit함수의 두번째 인자는 verbose 학습 진행과정을 보여줄

import numpy as np
from keras.models import Sequential
from keras.layers.core import Activation, Dense

training_data = np.array([[0,0],[0,1],[1,0],[1,1]], "float32")
target_data = np.array([[0],[1],[1],[0]], "float32")

model = Sequential()
model.add(Dense(32, input_dim=2, activation='sigmoid'))
model.add(Dense(1, activation='sigmoid'))

model.compile(loss='mean_squared_error', optimizer='adam', metrics=['binary_accuracy'])

model.fit(training_data, target_data, epochs=1000, verbose=2)

print( model.predict(training_data))

import numpy as np
import tensorflow as tf
from keras.models import Sequential
from keras.layers.core import Activation, Dense

training_data = np.array([[0,0],[0,1],[1,0],[1,1]], "float32")
target_data = np.array([[0],[1],[1],[0]], "float32")

model = Sequential()
model.add(Dense(32, input_dim=2, activation='sigmoid'))
model.add(Dense(32, activation='sigmoid'))
model.add(Dense(32, activation='sigmoid'))
model.add(Dense(32, activation='sigmoid'))
model.add(Dense(32, activation='sigmoid'))
model.add(Dense(32, activation='sigmoid'))
model.add(Dense(1, activation='sigmoid'))

model.compile(loss='mean_squared_error', optimizer='adam', metrics=['binary_accuracy'])

model.fit(training_data, target_data, epochs=1000, verbose=2,
          callbacks=[tf.keras.callbacks.TensorBoard(log_dir='./graph', histogram_freq=1)])

print( model.predict(training_data))

keras.layers.Dense(10, activation="softmax")

import sys
assert sys.version_info >= (3, 5)
from tensorflow import keras
# 사이킷런 ≥0.20 필수
import sklearn
assert sklearn.__version__ >= "0.20"

# 먼저 MNIST 데이터셋을 로드하겠습니다.
# 케라스는 'keras.datasets'에 널리 사용하는 데이터셋을 로드하기 위한 함수를
#  제공합니다.
# 이 데이터셋은 이미 훈련 세트와 테스트 세트로 나누어져 있습니다.
# 훈련 세트를 더 나누어 검증 세트를 만드는 것이 좋습니다:

fashion_mnist = keras.datasets.fashion_mnist
(X_train_full, y_train_full), (X_test, y_test) = fashion_mnist.load_data()
X_valid, X_train = X_train_full[:5000] / 255., X_train_full[5000:] / 255.
y_valid, y_train = y_train_full[:5000], y_train_full[5000:]
X_test = X_test / 255.

model = keras.models.Sequential([
    keras.layers.Flatten(input_shape=[28, 28]),
    keras.layers.Dense(300, activation="relu"),
    keras.layers.Dense(100, activation="relu"),
    keras.layers.Dense(10, activation="softmax")
])

model.layers
model.summary()
hidden1 = model.layers[1]
hidden1.name
model.get_layer(hidden1.name) is hidden1
weights, biases = hidden1.get_weights()
weights
weights.shape
biases
biases.shape
model.compile(loss="sparse_categorical_crossentropy",
              optimizer="sgd",
              metrics=["accuracy"])
import time
tb_hist = keras.callbacks.TensorBoard(log_dir='./graph', histogram_freq=0, write_graph=True, write_images=True)
start = time.time()
history = model.fit(X_train, y_train, epochs=30,
                  validation_data=(X_valid, y_valid), callbacks=[tb_hist])
print("time :", time.time() - start)

import numpy as np
from tensorflow import keras
from keras.models import Sequential
from keras.layers import Dense

print(keras.__version__)
from keras.datasets import mnist
(x_train, y_train), (x_test, y_test) = mnist.load_data()
x_train_new, y_train_new = x_train[(y_train==0) | (y_train==1)], y_train[(y_train==0) | (y_train==1)]
x_test_new, y_test_new = x_test[(y_test==0) | (y_test==1)], y_test[(y_test==0) | (y_test==1)]
x_test_final = x_test_new.reshape((-1, 784))
x_train_final = x_train_new.reshape((-1, 784))
x_train_final = x_train_final / 255
x_test_final = x_test_final / 255
model = keras.models.Sequential()
model.add(Dense(1, input_shape=(784,), activation='sigmoid'))

model.compile(optimizer='sgd', loss='binary_crossentropy', metrics=['binary_accuracy'])
model.fit(
    x=x_train_final,
    y=y_train_new,
    shuffle=True,
    epochs=5,
    batch_size=16,
    callbacks=[tf.keras.callbacks.TensorBoard(log_dir='./graph', histogram_freq=1)])

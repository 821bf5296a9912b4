import tensorflow as tf
from tensorflow import keras
import numpy as np
import matplotlib.pyplot as plt
mnist = tf.keras.datasets.mnist
(x_train, y_train), (x_test, y_test) = mnist.load_data()
x_train, x_test = x_train / 255, x_test / 255 # 입력값 정규화
                                                                 Mini batch: 32
model = keras.models.Sequential( [
   keras.layers.Flatten(input_shape = (28, 28)),
   keras.layers.Dense(256, activation = 'relu'),
   keras.layers.Dense(10, activation = 'softmax')])
# 학습을 위한 최적화 함수, 손실 함수등을 가진 모델을 컴파일
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
model.fit(x_train, y_train, epochs = 4)
    에폭의 진행도
                                                               현 에폭 단계에서 전체
   현재에폭/전체에폭
                  가중치 갱신 횟수
                                 에폭 수행에 걸린 시간
                                                      손실값
                                                               훈련 데이터의 정확도
                (디폴트 배치값이 32임)
  Epoch 4/5
                        1875/1875 [==

model.summary()
Model: "sequential_1"
Layer (type)
                  Output Shape
                                                   Param #
flatten_1 (Flatten) (None, 784)
                                                    0
                           (None, 256)
 dense 2 (Dense)
                                                    200960
 dense 3 (Dense)
                           (None, 10)
                                                    2570
Total params: 203,530
Trainable params: 203,530
Non-trainable params: O

model = keras.models.Sequential( [
    keras.layers.Flatten(input_shape = (28, 28)),
    keras.layers.Dense(64, activation = 'relu'),
    keras.layers.Dense(64, activation = 'relu'),
    keras.layers.Dense(64, activation = 'relu'),
    keras.layers.Dense(10, activation = 'softmax'),
])

model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
history = model.fit(x_train, y_train, epochs = 10, validation_data = (x_test, y_test))

# 드롭아웃 계층을 가진 신경망 모델 만들기
model = keras.models.Sequential( [
    keras.layers.Flatten(input_shape = (28, 28)),
    keras.layers.Dropout(0.2),
    keras.layers.Dense(64, activation = 'relu'),
    keras.layers.Dropout(0.2),
    keras.layers.Dense(64, activation = 'relu'),
    keras.layers.Dropout(0.2),
    keras.layers.Dense(64, activation = 'relu'),
    keras.lavers.Dropout(0.2).
    keras.layers.Dense(64, activation = 'relu'),
    keras.layers.Dropout(0.2),
    keras.layers.Dense(64, activation = 'relu'),
                                                     1.0
    keras.layers.Dropout(0.2),
    keras.layers.Dense(64, activation = 'relu'),
                                                     0.8
    keras.layers.Dropout(0.2).
    keras.layers.Dense(10, activation = 'softmax'),
                                                                                            loss
                                                     0.6
                                                                                            accuracy
model.compile(optimizer='adam', loss='sparse_categor
                                                                                            val loss
history = model.fit(x_train, y_train, epochs = 10,
                                                                                            val accuracy
                                                     0.4
                                                     0.2

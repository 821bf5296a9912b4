# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/WegraLee/deep-learning-from-scratch (commit 4fafa7151783), ch03/neuralnet_mnist.py
# Source: https://github.com/WegraLee/deep-learning-from-scratch (commit 4fafa7151783), common/functions.py
# Licence: MIT, Copyright (c) 2016 Koki Saitoh (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - sigmoid and softmax of common/functions.py in the module instead of `from common.functions import sigmoid, softmax`
#   - the script's loop over one image at a time (after `x, t = get_data()`) is the body of accuracy(network, x, t, batch_size=100), which has no batch_size of its own and ignores it, returning its printed value; get_data (the book's MNIST download) and the sys.path line are left out
#   - init_network is the book's, as it is (it loads the book's trained MNIST weights from sample_weight.pkl, not handed in)
#   - the repository has no forward(network, x) (the slides' 3-layer example is in the book's text only): the stub's is kept

# coding: utf-8
import sys, os
import numpy as np
import pickle


def sigmoid(x):
    return 1 / (1 + np.exp(-x))    


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True) # 오버플로 대책
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)


def init_network():
    with open(os.path.dirname(__file__) + "/sample_weight.pkl", 'rb') as f:
        network = pickle.load(f)
    return network


def forward(network, x):
    # not in the book's repository: the slides' 3-layer example is in the book's text only (3.4.3)
    raise NotImplementedError("forward")


def predict(network, x):
    W1, W2, W3 = network['W1'], network['W2'], network['W3']
    b1, b2, b3 = network['b1'], network['b2'], network['b3']

    a1 = np.dot(x, W1) + b1
    z1 = sigmoid(a1)
    a2 = np.dot(z1, W2) + b2
    z2 = sigmoid(a2)
    a3 = np.dot(z2, W3) + b3
    y = softmax(a3)

    return y


def accuracy(network, x, t, batch_size=100):
    accuracy_cnt = 0
    for i in range(len(x)):
        y = predict(network, x[i])
        p= np.argmax(y) # 확률이 가장 높은 원소의 인덱스를 얻는다.
        if p == t[i]:
            accuracy_cnt += 1

    return float(accuracy_cnt) / len(x)

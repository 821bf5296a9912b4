# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/WegraLee/deep-learning-from-scratch (commit 4fafa7151783), ch03/neuralnet_mnist_batch.py
# Licence: MIT, Copyright (c) 2016 Koki Saitoh (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the book's common/functions.py is handed in whole beside this file (common/functions.py), so `from common.functions import sigmoid, softmax` and the sys.path line stay as the book has them
#   - `from dataset.mnist import load_mnist` and get_data (the book's MNIST download) are left out; the script's batch loop (after `x, t = get_data()`) is the body of accuracy(network, x, t, batch_size=100), returning its printed value
#   - init_network is the book's, as it is (it loads the book's trained MNIST weights from sample_weight.pkl, not handed in)
#   - the repository has no forward(network, x) (the slides' 3-layer example is in the book's text only): the stub's is kept

# coding: utf-8
import sys, os
sys.path.append(os.path.join(os.path.dirname(__file__), '..'))  # 부모 디렉터리의 파일을 가져올 수 있도록 
import numpy as np
import pickle
from common.functions import sigmoid, softmax


def init_network():
    with open(os.path.dirname(__file__) + "/sample_weight.pkl", 'rb') as f:
        network = pickle.load(f)
    return network


def predict(network, x):
    w1, w2, w3 = network['W1'], network['W2'], network['W3']
    b1, b2, b3 = network['b1'], network['b2'], network['b3']

    a1 = np.dot(x, w1) + b1
    z1 = sigmoid(a1)
    a2 = np.dot(z1, w2) + b2
    z2 = sigmoid(a2)
    a3 = np.dot(z2, w3) + b3
    y = softmax(a3)

    return y


def forward(network, x):
    # not in the book's repository: the slides' 3-layer example is in the book's text only (3.4.3)
    raise NotImplementedError("forward")


def accuracy(network, x, t, batch_size=100):
    accuracy_cnt = 0

    for i in range(0, len(x), batch_size):
        x_batch = x[i:i+batch_size]
        y_batch = predict(network, x_batch)
        p = np.argmax(y_batch, axis=1)
        accuracy_cnt += np.sum(p == t[i:i+batch_size])

    return float(accuracy_cnt) / len(x)

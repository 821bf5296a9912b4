"""Reference solution for a09_forward_pass: the book's chapter 3 forward pass and batch inference.

sigmoid and softmax are written here so the reference needs no other assignment; a student may import
them from their own a02 ``activations`` module instead (docs/assignments/a09_forward_pass.md).
"""
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)


def init_network():
    return {
        "W1": np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]),
        "b1": np.array([0.1, 0.2, 0.3]),
        "W2": np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]),
        "b2": np.array([0.1, 0.2]),
        "W3": np.array([[0.1, 0.3], [0.2, 0.4]]),
        "b3": np.array([0.1, 0.2]),
    }


def _scores(network, x):
    z1 = sigmoid(np.dot(x, network["W1"]) + network["b1"])
    z2 = sigmoid(np.dot(z1, network["W2"]) + network["b2"])
    return np.dot(z2, network["W3"]) + network["b3"]


def forward(network, x):
    return _scores(network, x)


def predict(network, x):
    return softmax(_scores(network, x))


def accuracy(network, x, t, batch_size=100):
    right = 0
    for i in range(0, len(x), batch_size):
        y = predict(network, x[i:i + batch_size])
        right += int(np.sum(np.argmax(y, axis=1) == t[i:i + batch_size]))
    return right / len(x)

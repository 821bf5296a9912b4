import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax(x):
    if x.ndim == 2:
        x = x.T
        x = x - np.max(x, axis=0)
        return (np.exp(x) / np.sum(np.exp(x), axis=0)).T
    x = x - np.max(x)
    return np.exp(x) / np.sum(np.exp(x))


def init_network():
    values = {'W1': [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]], 'b1': [0.1, 0.2, 0.3],
              'W2': [[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]], 'b2': [0.1, 0.2],
              'W3': [[0.1, 0.3], [0.2, 0.4]], 'b3': [0.1, 0.2]}
    return {key: np.array(value) for key, value in values.items()}


def forward(network, x):
    W1, W2, W3 = network['W1'], network['W2'], network['W3']
    b1, b2, b3 = network['b1'], network['b2'], network['b3']
    a1 = np.dot(x, W1) + b1
    z1 = sigmoid(a1)
    a2 = np.dot(z1, W2) + b2
    z2 = sigmoid(a2)
    a3 = np.dot(z2, W3) + b3
    return a3


def predict(network, x):
    x = np.asarray(x, dtype=float)
    if x.ndim == 1:
        return predict(network, x.reshape(1, -1))[0]
    return softmax(forward(network, x))


def accuracy(network, x, t, batch_size=100):
    hits = []
    for i in range(len(x)):
        y = predict(network, x[i])
        hits.append(np.argmax(y) == t[i])
    return np.mean(hits)

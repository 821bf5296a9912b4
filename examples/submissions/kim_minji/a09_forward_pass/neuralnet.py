"""kim_minji's chapter 3: sigmoid and softmax imported from her own a02 activations, as the book imports common.functions."""
import numpy as np

from activations import sigmoid, softmax


def init_network():
    network = {}
    network['W1'] = np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]])
    network['b1'] = np.array([0.1, 0.2, 0.3])
    network['W2'] = np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]])
    network['b2'] = np.array([0.1, 0.2])
    network['W3'] = np.array([[0.1, 0.3], [0.2, 0.4]])
    network['b3'] = np.array([0.1, 0.2])
    return network


def forward(network, x):
    z = x
    for i in (1, 2):
        z = sigmoid(z @ network[f'W{i}'] + network[f'b{i}'])
    return z @ network['W3'] + network['b3']


def predict(network, x):
    return softmax(forward(network, x))


def accuracy(network, x, t, batch_size=100):
    accuracy_cnt = 0
    for i in range(0, len(x), batch_size):
        p = np.argmax(predict(network, x[i:i + batch_size]), axis=1)
        accuracy_cnt += np.sum(p == t[i:i + batch_size])
    return accuracy_cnt / len(t)

"""kim_minji: the slides' forms. Epsilon inside the square root, Adam with m-hat and v-hat,
Nesterov as Keras and PyTorch write it (v = mv - lr g; W += mv - lr g)."""
import numpy as np

EPS = 1e-8


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for k in params:
            params[k] -= self.lr * grads[k]


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, {}

    def update(self, params, grads):
        for k in params:
            v = self.v.get(k, 0.0)
            self.v[k] = self.momentum * v - self.lr * grads[k]
            params[k] += self.v[k]


class Nesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, {}

    def update(self, params, grads):
        for k in params:
            self.v[k] = self.momentum * self.v.get(k, 0.0) - self.lr * grads[k]
            params[k] += self.momentum * self.v[k] - self.lr * grads[k]


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr, self.h = lr, {}

    def update(self, params, grads):
        for k in params:
            self.h[k] = self.h.get(k, 0.0) + grads[k] ** 2
            params[k] -= self.lr * grads[k] / np.sqrt(self.h[k] + EPS)


class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr, self.decay_rate, self.h = lr, decay_rate, {}

    def update(self, params, grads):
        for k in params:
            self.h[k] = self.decay_rate * self.h.get(k, 0.0) + (1 - self.decay_rate) * grads[k] ** 2
            params[k] -= self.lr * grads[k] / np.sqrt(self.h[k] + EPS)


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.t, self.m, self.v = 0, {}, {}

    def update(self, params, grads):
        self.t += 1
        for k in params:
            self.m[k] = self.beta1 * self.m.get(k, 0.0) + (1 - self.beta1) * grads[k]
            self.v[k] = self.beta2 * self.v.get(k, 0.0) + (1 - self.beta2) * grads[k] ** 2
            m_hat = self.m[k] / (1 - self.beta1 ** self.t)
            v_hat = self.v[k] / (1 - self.beta2 ** self.t)
            params[k] -= self.lr * m_hat / (np.sqrt(v_hat) + EPS)

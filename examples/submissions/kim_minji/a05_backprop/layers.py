import numpy as np


class MulLayer:
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dout):
        return dout * self.y, dout * self.x


class AddLayer:
    def forward(self, x, y):
        return x + y

    def backward(self, dout):
        return dout, dout


class Relu:
    def forward(self, x):
        self.mask = x > 0
        return np.where(self.mask, x, 0.0).astype(x.dtype)

    def backward(self, dout):
        return np.where(self.mask, dout, 0.0).astype(dout.dtype)


class Sigmoid:
    def forward(self, x):
        self.out = 0.5 * (1.0 + np.tanh(0.5 * x))
        return self.out

    def backward(self, dout):
        return dout * self.out * (1.0 - self.out)


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        self.shape = x.shape
        self.x = x.reshape(len(x), -1)
        return self.x @ self.W + self.b

    def backward(self, dout):
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return (dout @ self.W.T).reshape(self.shape)


class SoftmaxWithLoss:
    def forward(self, x, t):
        z = x - x.max(axis=1, keepdims=True)
        self.y = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        n = len(x)
        self.labels = t.argmax(axis=1) if t.ndim == 2 else t.astype(np.int64)
        self.loss = -np.log(self.y[np.arange(n), self.labels] + 1e-7).mean()
        return self.loss

    def backward(self, dout=1):
        n = len(self.y)
        dx = self.y.copy()
        dx[np.arange(n), self.labels] -= 1
        return dx * (dout / n)

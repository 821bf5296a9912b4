"""kim_minji: inverted dropout (scaled while training, the identity at test time) and BatchNorm
with np.var and epsilon 1e-5, its backward in one line."""
import numpy as np


class Dropout:
    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None

    def forward(self, x, train_flg=True):
        if not train_flg:
            return x
        keep = 1.0 - self.dropout_ratio
        self.mask = (np.random.rand(*x.shape) < keep) / keep
        return x * self.mask

    def backward(self, dout):
        return dout * self.mask


class BatchNormalization:
    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma, self.beta, self.momentum = gamma, beta, momentum
        self.running_mean, self.running_var = running_mean, running_var
        self.dgamma = self.dbeta = None

    def forward(self, x, train_flg=True):
        if self.running_mean is None:
            self.running_mean, self.running_var = np.zeros(x.shape[1]), np.zeros(x.shape[1])
        if train_flg:
            mean, var = x.mean(axis=0), x.var(axis=0)
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mean
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        else:
            mean, var = self.running_mean, self.running_var
        self.inv_std = 1.0 / np.sqrt(var + 1e-5)
        self.xhat = (x - mean) * self.inv_std
        return self.gamma * self.xhat + self.beta

    def backward(self, dout):
        n = dout.shape[0]
        self.dbeta = dout.sum(axis=0)
        self.dgamma = (dout * self.xhat).sum(axis=0)
        return self.gamma * self.inv_std / n * (n * dout - self.dbeta - self.xhat * self.dgamma)

"""kim_minji's chapter 7: explicit loops, one window at a time; the floor where the stride does not fit."""
import numpy as np


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return np.floor((input_size + 2 * pad - filter_size) / stride) + 1


def _sizes(shape, filter_h, filter_w, stride, pad):
    return int(conv_output_size(shape[2], filter_h, stride, pad)), int(conv_output_size(shape[3], filter_w, stride, pad))


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_data.shape
    out_h, out_w = _sizes(input_data.shape, filter_h, filter_w, stride, pad)
    img = np.pad(input_data, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    col = np.empty((N * out_h * out_w, C * filter_h * filter_w))
    row = 0
    for n in range(N):
        for i in range(out_h):
            for j in range(out_w):
                top, left = i * stride, j * stride
                col[row] = img[n, :, top:top + filter_h, left:left + filter_w].reshape(-1)
                row += 1
    return col


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_shape
    out_h, out_w = _sizes(input_shape, filter_h, filter_w, stride, pad)
    img = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    row = 0
    for n in range(N):
        for i in range(out_h):
            for j in range(out_w):
                top, left = i * stride, j * stride
                img[n, :, top:top + filter_h, left:left + filter_w] += col[row].reshape(C, filter_h, filter_w)
                row += 1
    return img[:, :, pad:pad + H, pad:pad + W]


class Convolution:
    def __init__(self, W, b, stride=1, pad=0):
        self.W = W
        self.b = b
        self.stride = stride
        self.pad = pad

    def forward(self, x):
        FN, C, FH, FW = self.W.shape
        out_h, out_w = _sizes(x.shape, FH, FW, self.stride, self.pad)
        self.x = x
        self.col = im2col(x, FH, FW, self.stride, self.pad)
        out = self.col @ self.W.reshape(FN, -1).T + self.b
        return out.reshape(x.shape[0], out_h, out_w, FN).transpose(0, 3, 1, 2)

    def backward(self, dout):
        FN = self.W.shape[0]
        flat = dout.transpose(0, 2, 3, 1).reshape(-1, FN)
        self.db = flat.sum(axis=0)
        self.dW = (flat.T @ self.col).reshape(self.W.shape)
        dcol = flat @ self.W.reshape(FN, -1)
        return col2im(dcol, self.x.shape, self.W.shape[2], self.W.shape[3], self.stride, self.pad)


class Pooling:
    def __init__(self, pool_h, pool_w, stride=2, pad=0):
        self.pool_h = pool_h
        self.pool_w = pool_w
        self.stride = stride
        self.pad = pad

    def forward(self, x):
        N, C, H, W = x.shape
        out_h, out_w = _sizes(x.shape, self.pool_h, self.pool_w, self.stride, self.pad)
        col = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad).reshape(-1, self.pool_h * self.pool_w)
        self.x = x
        self.arg_max = np.argmax(col, axis=1)
        return col.max(axis=1).reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2)

    def backward(self, dout):
        flat = dout.transpose(0, 2, 3, 1).reshape(-1)
        dmax = np.zeros((flat.size, self.pool_h * self.pool_w))
        for r in range(flat.size):
            dmax[r, self.arg_max[r]] = flat[r]
        N, C = self.x.shape[:2]
        return col2im(dmax.reshape(-1, C * self.pool_h * self.pool_w), self.x.shape, self.pool_h, self.pool_w,
                      self.stride, self.pad)

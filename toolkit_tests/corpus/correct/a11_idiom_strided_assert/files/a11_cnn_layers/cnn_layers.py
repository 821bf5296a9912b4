"""Corpus: chapter 7 with window views and einsum; an assertion where the stride does not fit."""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    size = (input_size + 2 * pad - filter_size) / stride + 1
    assert size == int(size), "the stride does not fit"
    return size


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    N, C = input_data.shape[:2]
    padded = np.pad(input_data, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    views = sliding_window_view(padded, (filter_h, filter_w), axis=(2, 3))[:, :, ::stride, ::stride]
    out_h, out_w = views.shape[2], views.shape[3]
    return views.transpose(0, 2, 3, 1, 4, 5).reshape(N * out_h * out_w, C * filter_h * filter_w)


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_shape
    out_h = int(conv_output_size(H, filter_h, stride, pad))
    out_w = int(conv_output_size(W, filter_w, stride, pad))
    windows = col.reshape(N, out_h, out_w, C, filter_h, filter_w)
    img = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    for i in range(out_h):
        for j in range(out_w):
            img[:, :, i * stride:i * stride + filter_h, j * stride:j * stride + filter_w] += windows[:, i, j]
    return img[:, :, pad:pad + H, pad:pad + W]


class Convolution:
    def __init__(self, W, b, stride=1, pad=0):
        self.W = W
        self.b = b
        self.stride = stride
        self.pad = pad
        self.dW = None
        self.db = None

    def forward(self, x):
        FN, C, FH, FW = self.W.shape
        self.x = x
        self.col = im2col(x, FH, FW, self.stride, self.pad)
        out_h = int(conv_output_size(x.shape[2], FH, self.stride, self.pad))
        out_w = int(conv_output_size(x.shape[3], FW, self.stride, self.pad))
        out = np.tensordot(self.col, self.W.reshape(FN, -1), axes=(1, 1)) + self.b
        return np.moveaxis(out.reshape(x.shape[0], out_h, out_w, FN), 3, 1)

    def backward(self, dout):
        FN, C, FH, FW = self.W.shape
        grad = np.moveaxis(dout, 1, 3).reshape(-1, FN)
        self.db = np.einsum("nf->f", grad)
        self.dW = np.einsum("nf,nk->fk", grad, self.col).reshape(FN, C, FH, FW)
        dcol = np.einsum("nf,fk->nk", grad, self.W.reshape(FN, -1))
        return col2im(dcol, self.x.shape, FH, FW, self.stride, self.pad)


class Pooling:
    def __init__(self, pool_h, pool_w, stride=2, pad=0):
        self.pool_h = pool_h
        self.pool_w = pool_w
        self.stride = stride
        self.pad = pad

    def forward(self, x):
        N, C, H, W = x.shape
        out_h = int(conv_output_size(H, self.pool_h, self.stride, self.pad))
        out_w = int(conv_output_size(W, self.pool_w, self.stride, self.pad))
        col = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad).reshape(-1, self.pool_h * self.pool_w)
        self.x = x
        self.mask = col == col.max(axis=1, keepdims=True)
        return col.max(axis=1).reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2)

    def backward(self, dout):
        grad = dout.transpose(0, 2, 3, 1).reshape(-1, 1)
        dcol = (self.mask * grad).reshape(-1, self.x.shape[1] * self.pool_h * self.pool_w)
        return col2im(dcol, self.x.shape, self.pool_h, self.pool_w, self.stride, self.pad)

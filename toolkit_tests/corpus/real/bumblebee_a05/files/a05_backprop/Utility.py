# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/leejw51/BumblebeeNet (commit fd9bedbfaad9), SimpleDeepLearning/Utility.py
# Licence: MIT, Copyright (c) 2017 이종환 (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - only cross_entropy_error and softmax kept (im2col/col2im left out)

import numpy as np


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t])) / batch_size


def softmax(x):
    if x.ndim == 2:
        x = x.T
        x = x - np.max(x, axis=0)
        y = np.exp(x) / np.sum(np.exp(x), axis=0)
        return y.T 
    x = x - np.max(x) 
    return np.exp(x) / np.sum(np.exp(x))

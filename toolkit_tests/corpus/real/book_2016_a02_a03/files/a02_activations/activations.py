# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/oreilly-japan/deep-learning-from-scratch (commit 0dda3d1715e2), common/functions.py
# Licence: MIT, Copyright (c) 2016 Koki Saitoh (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - only the activation functions kept

import numpy as np


def identity_function(x):
    return x


def step_function(x):
    return np.array(x > 0, dtype=np.int)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))    


def relu(x):
    return np.maximum(0, x)


def softmax(x):
    if x.ndim == 2:
        x = x.T
        x = x - np.max(x, axis=0)
        y = np.exp(x) / np.sum(np.exp(x), axis=0)
        return y.T 

    x = x - np.max(x) # オーバーフロー対策
    return np.exp(x) / np.sum(np.exp(x))

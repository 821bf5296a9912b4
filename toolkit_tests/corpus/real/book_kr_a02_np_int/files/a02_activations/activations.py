# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/WegraLee/deep-learning-from-scratch (commit 4fafa7151783), common/functions.py
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
    x = x - np.max(x, axis=-1, keepdims=True) # 오버플로 대책
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)

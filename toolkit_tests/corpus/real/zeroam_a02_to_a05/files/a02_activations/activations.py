# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/zeroam/TIL (commit 43e3573be44c), deep-learning-from-scratch/common/functions.py
# Licence: MIT, Copyright (c) 2018 Packt (the repository's LICENSE file, as it stands) (the licence text is in the LICENSE file beside this folder).
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

    x = x - np.max(x) # 오버플로 대책
    return np.exp(x) / np.sum(np.exp(x))

# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/zeroam/TIL (commit 43e3573be44c), deep-learning-from-scratch/ch03/{step_function,sigmoid,ReLU,softmax}.py
# Licence: MIT, Copyright (c) 2018 Packt (the repository's LICENSE file, as it stands) (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the four one-function files joined into activations.py; their `__main__` demos and step_function.py's plot at import left out
#   - identity_function (in none of those files) written as the slides write it

import numpy as np


def step_function(x):
    return np.array(x > 0, dtype=np.int)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


def softmax(a):
    c = np.max(a)
    exp_a = np.exp(a - c)   # 지수 함수, 오버플로 대책
    sum_exp_a = np.sum(exp_a)
    y = exp_a / sum_exp_a

    return y 


def identity_function(x):
    return x

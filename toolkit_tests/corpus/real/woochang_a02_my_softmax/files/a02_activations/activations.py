# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/Woochang4862/deep-learning-from-scratch (commit be911e341850), common/functions.py
# Licence: MIT, Copyright (c) 2016 Koki Saitoh (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the student's my_softmax renamed softmax (the assignment's name); the book's transpose softmax beside it and the *_grad / loss functions left out

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
    if x.ndim == 2: # 행렬 : 배치처리 했을때 
        x = x - np.array([np.max(x, axis=1)]).T # n np.array.T.shape == (n,)
        y = np.exp(x) / np.array([np.sum(np.exp(x), axis=1)]).T
        return y

    x = x - np.max(x) # 오버플로 대책
    return np.exp(x) / np.sum(np.exp(x))

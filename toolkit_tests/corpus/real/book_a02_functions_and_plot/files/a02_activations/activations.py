# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/oreilly-japan/deep-learning-from-scratch (commit 07b11618cdb5), common/functions.py
# Source: https://github.com/oreilly-japan/deep-learning-from-scratch (commit 07b11618cdb5), ch03/relu.py
# Licence: MIT, Copyright (c) 2016 Koki Saitoh (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the activation functions of common/functions.py and the whole of ch03/relu.py (its plot at import included) in one module

import numpy as np
import matplotlib.pylab as plt


def identity_function(x):
    return x


def step_function(x):
    return np.array(x > 0, dtype=int)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)   # オーバーフロー対策
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)


def relu(x):
    return np.maximum(0, x)

x = np.arange(-5.0, 5.0, 0.1)
y = relu(x)
plt.plot(x, y)
plt.ylim(-1.0, 5.5)
plt.show()

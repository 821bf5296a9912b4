# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/myeonghan-nim/deep-learning-from-scratch (commit bbc7ac08aa64), chapter03/3.2.2_step_function.py
# Source: https://github.com/myeonghan-nim/deep-learning-from-scratch (commit bbc7ac08aa64), chapter03/3.2.7_relu.py
# Source: https://github.com/myeonghan-nim/deep-learning-from-scratch (commit bbc7ac08aa64), chapter03/3.5_simulate_output_layer.py
# Licence: MIT, Copyright (c) 2016 Koki Saitoh (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - step_function, relu and both softmax functions in one module; sigmoid and identity_function (not in those files) written as the slides write them

import numpy as np


def step_function(x):
    return np.array(x > 0, dtype=np.int)  # dtype changes True/False to 1/0


def relu(x):
    return np.maximum(0, x)


def softmax(a):
    exp_a = np.exp(a)
    sum_a = np.sum(exp_a)
    return exp_a / sum_a


def modified_softmax(a):
    maxA = np.max(a)

    exp_a = np.exp(a - maxA)
    sum_a = np.sum(exp_a)

    return exp_a / sum_a


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def identity_function(x):
    return x

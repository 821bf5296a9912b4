# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/myeonghan-nim/deep-learning-from-scratch (commit bbc7ac08aa64), chapter02/2.5_perceptron_XOR.py
# Licence: MIT, Copyright (c) 2016 Koki Saitoh (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - saved as perceptron.py (2.5_perceptron_XOR.py is not an importable module name); its demo print loop, run at import, kept as it is

import numpy as np


def AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.7

    y = np.sum(x * w) + b
    if y > 0:
        return 1
    else:
        return 0


def NAND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([-0.5, -0.5])
    b = 0.7

    y = np.sum(x * w) + b
    if y > 0:
        return 1
    else:
        return 0


def OR(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.2

    y = np.sum(x * w) + b
    if y > 0:
        return 1
    else:
        return 0


def XOR(x1, x2):
    s1 = NAND(x1, x2)
    s2 = OR(x1, x2)
    y = AND(s1, s2)
    return y


print('XOR:', end=' ')
for i, j in [(0, 0), (1, 0), (0, 1), (1, 1)]:
    print((i, j), '->', XOR(i, j), end=' ')
print()

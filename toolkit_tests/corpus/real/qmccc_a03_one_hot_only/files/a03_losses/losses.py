# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/QMCCC010/deep-learning-from-scratch (commit 04282f201f6f), ch04/crossEntropyError.py
# Licence: MIT, Copyright (c) 2016 Koki Saitoh (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - saved as losses.py; the __main__ demo left out; mean_squared_error (not in that file) written as the slides write it

import numpy as np


def cross_entropy_error(y, t):
    delta = 1e-7
    return -np.sum(t * np.log(y + delta))


def mean_squared_error(y, t):
    return 0.5 * np.sum((y - t) ** 2)

# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/zeroam/TIL (commit 43e3573be44c), deep-learning-from-scratch/ch04/mean_squared_error.py
# Source: https://github.com/zeroam/TIL (commit 43e3573be44c), deep-learning-from-scratch/ch04/mini_batch.py
# Licence: MIT, Copyright (c) 2018 Packt (the repository's LICENSE file, as it stands) (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the three functions in one module; mini_batch.py's MNIST loading (sys.path, load_mnist) and the `__main__` demos left out

import numpy as np


def mean_squared_error(y, t):
    return 0.5 * np.sum((y-t)**2)


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    
    batch_size = y.shape[0]
    return -np.sum(t * np.log(y + 1e-7)) / batch_size


def cross_entropy_error2(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)

    batch_size = y.shape[0]
    return -np.sum(t * np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size

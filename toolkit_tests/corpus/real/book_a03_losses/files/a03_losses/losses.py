# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/oreilly-japan/deep-learning-from-scratch (commit 07b11618cdb5), common/functions.py
# Licence: MIT, Copyright (c) 2016 Koki Saitoh (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - sum_squared_error renamed mean_squared_error (the assignment's name)

import numpy as np


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)

    # 教師データがone-hot-vectorの場合、正解ラベルのインデックスに変換
    if t.size == y.size:
        t = t.argmax(axis=1)

    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


def mean_squared_error(y, t):
    return 0.5 * np.sum((y-t)**2)

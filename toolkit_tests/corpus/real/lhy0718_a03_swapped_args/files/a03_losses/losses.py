# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/lhy0718/WegraLee-deep-learning-from-scratch (commit 67b09025ce0d), ch04/error_functions.ipynb
# Licence: MIT, Copyright (c) 2016 Koki Saitoh (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - sum_square_error renamed mean_squared_error (the assignment's name)
#   - both cross_entropy_error cells kept in notebook order (the second, label-only one is in effect); the demo prints and the MNIST loading cells left out

import numpy as np


def mean_squared_error(y, y_hat):
    return sum((y - y_hat) ** 2) / 2


def cross_entropy_error(y, y_hat):
    delta = 1e-7  # log(0)을 방지하기 위해 아주 작은 값을 더해줌
    return -np.sum(y * np.log(y_hat + delta))


def cross_entropy_error(y, y_hat):
    if y_hat.ndim == 1:
        y_hat = y_hat.reshape(1, y_hat.size)
        y = y.reshape(1, y.size)

    batch_size = y_hat.shape[0]
    return (
        -np.sum(np.log(y_hat[np.arange(batch_size), y] + 1e-7)) / batch_size
    )  # 정답 레이블에서 0인 원소는 교차 엔트로피 오차도 0이므로, 그 계산은 무시해도 좋다.

# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/WegraLee/deep-learning-from-scratch (commit 4fafa7151783), common/multi_layer_net.py
# Licence: MIT, Copyright (c) 2016 Koki Saitoh (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the two scale lines and the draw of MultiLayerNet.__init_weight, in the book's own text, each put in one of the
#     assignment's functions (all_size_list[idx - 1] is n_in, all_size_list[idx] is n_out); the book draws no uniform
#     weights, so `uniform` is accepted and not used

# coding: utf-8
import numpy as np


def xavier_init(n_in, n_out, uniform=False):
    scale = np.sqrt(1.0 / n_in)  # sigmoid를 사용할 때의 권장 초깃값
    return scale * np.random.randn(n_in, n_out)


def he_init(n_in, n_out, uniform=False):
    scale = np.sqrt(2.0 / n_in)  # ReLU를 사용할 때의 권장 초깃값
    return scale * np.random.randn(n_in, n_out)

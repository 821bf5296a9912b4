# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/WegraLee/deep-learning-from-scratch (commit 4fafa7151783), common/multi_layer_net.py
# Licence: MIT, Copyright (c) 2016 Koki Saitoh (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the assignment's functions build the book's MultiLayerNet kept beside it, with no hidden layer and
#     weight_init_std 'xavier' or 'he', and return its W1 (n_in, n_out); the book draws no uniform weights

from multi_layer_net import MultiLayerNet


def xavier_init(n_in, n_out, uniform=False):
    return MultiLayerNet(n_in, [], n_out, weight_init_std='xavier').params['W1']


def he_init(n_in, n_out, uniform=False):
    return MultiLayerNet(n_in, [], n_out, activation='relu', weight_init_std='he').params['W1']

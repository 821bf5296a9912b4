"""kim_minji: the book's spreads (1 / sqrt(n_in) for Xavier, sqrt(2 / n_in) for He) and uniform
draws as (2 * rand - 1) * r with r = sqrt(3) times that spread."""
import numpy as np


def _init(n_in, n_out, std, uniform):
    if uniform:
        return (2 * np.random.rand(n_in, n_out) - 1) * np.sqrt(3) * std
    return std * np.random.randn(n_in, n_out)


def xavier_init(n_in, n_out, uniform=False):
    return _init(n_in, n_out, 1 / np.sqrt(n_in), uniform)


def he_init(n_in, n_out, uniform=False):
    return _init(n_in, n_out, np.sqrt(2 / n_in), uniform)

"""Hostile corpus entry (the reference's module, so only the optimizers are hostile): Xavier (Glorot) and He initialisation, the slides' formulas.

Xavier: normal with sigma = sqrt(2 / (n_in + n_out)), uniform on [-r, r] with r = sqrt(6 / (n_in + n_out))
(the same variance); He: sqrt(2) times Xavier. The book's 1 / sqrt(n_in) (and He's sqrt(2 / n_in)) are
accepted too (docs/assignments/a10_optimizers.md). Drawn with ``np.random``, so ``np.random.seed``
makes them repeatable.
"""
import numpy as np


def _draw(n_in, n_out, sigma, uniform):
    if uniform:
        r = np.sqrt(3.0) * sigma  # a uniform on [-r, r] has standard deviation r / sqrt(3)
        return np.random.uniform(-r, r, size=(n_in, n_out))
    return np.random.randn(n_in, n_out) * sigma


def xavier_init(n_in, n_out, uniform=False):
    return _draw(n_in, n_out, np.sqrt(2.0 / (n_in + n_out)), uniform)


def he_init(n_in, n_out, uniform=False):
    return _draw(n_in, n_out, np.sqrt(2.0) * np.sqrt(2.0 / (n_in + n_out)), uniform)

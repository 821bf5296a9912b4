"""Hostile corpus entry: every optimizer changes the given arrays in place (the property the in-place test
looks at) by noise of a plausible size, and keeps a 'state' between calls; nothing is the rule."""
import numpy as np

_noise = np.random.default_rng()


class _Noise:
    def __init__(self, lr=0.01, *args, **kwargs):
        self.lr, self.calls = lr, 0

    def update(self, params, grads):
        self.calls += 1
        for key in params:
            params[key] -= self.lr * _noise.normal(size=params[key].shape) * np.abs(grads[key])


SGD = Momentum = Nesterov = AdaGrad = RMSprop = Adam = _Noise

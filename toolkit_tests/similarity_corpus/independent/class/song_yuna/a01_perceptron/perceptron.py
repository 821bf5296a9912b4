"""퍼셉트론 (송유나): one neuron, the gates as its weights."""
import numpy as np

GATES = {
    # name: (weights, bias)
    "and": ((1.0, 1.0), -1.5),
    "nand": ((-1.0, -1.0), 1.5),
    "or": ((1.0, 1.0), -0.5),
}


def neuron(inputs, weights, bias):
    """Fires (1) when the weighted sum passes zero."""
    activation = np.dot(np.asarray(inputs, dtype=float), np.asarray(weights)) + bias
    return int(activation > 0)


def AND(x1, x2):
    return neuron((x1, x2), *GATES["and"])


def NAND(x1, x2):
    return neuron((x1, x2), *GATES["nand"])


def OR(x1, x2):
    return neuron((x1, x2), *GATES["or"])


def XOR(x1, x2):
    # two layers: NAND and OR side by side, AND on top
    hidden = (NAND(x1, x2), OR(x1, x2))
    return AND(*hidden)

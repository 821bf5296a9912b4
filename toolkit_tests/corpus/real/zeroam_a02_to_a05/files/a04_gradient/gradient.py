# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/zeroam/TIL (commit 43e3573be44c), deep-learning-from-scratch/common/gradient.py
# Licence: MIT, Copyright (c) 2018 Packt (the repository's LICENSE file, as it stands) (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - only numerical_gradient kept (the repository has no numerical_diff or gradient_descent in it)

import numpy as np


def numerical_gradient(f, x):
    h = 1e-4 # 0.0001
    grad = np.zeros_like(x)
    
    it = np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x) # f(x+h)
        
        x[idx] = tmp_val - h 
        fxh2 = f(x) # f(x-h)
        grad[idx] = (fxh1 - fxh2) / (2*h)
        
        x[idx] = tmp_val # 값 복원
        it.iternext()   
        
    return grad

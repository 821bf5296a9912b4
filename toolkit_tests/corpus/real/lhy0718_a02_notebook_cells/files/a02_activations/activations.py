# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/lhy0718/WegraLee-deep-learning-from-scratch (commit 67b09025ce0d), ch03/activation_functions.ipynb
# Source: https://github.com/lhy0718/WegraLee-deep-learning-from-scratch (commit 67b09025ce0d), ch03/mlp.ipynb
# Licence: MIT, Copyright (c) 2016 Koki Saitoh (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - activation_functions.ipynb's code cells (as extracted, with their plots) and mlp.ipynb's softmax cells 7-10 (naive softmax, overflow demo, plot, stable redefinition) in one module, prints and plots at import kept; mlp.ipynb's network cells left out
#   - identity_function (in none of those notebooks) written as the slides write it

# %% [cell 0]
# step function
import matplotlib.pylab as plt
import numpy as np


def step_function(x):
    return np.array(x > 0, dtype=np.int32)


X = np.arange(-5.0, 5.0, 0.1)
Y = step_function(X)
plt.plot(X, Y)
plt.ylim(-0.1, 1.1)  # y축의 범위 지정
plt.show()

# %% [cell 1]
# sigmoid function
import matplotlib.pylab as plt
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


X = np.arange(-5.0, 5.0, 0.1)
Y = sigmoid(X)
plt.plot(X, Y)
plt.ylim(-0.1, 1.1)
plt.show()

# %% [cell 2]
# compare

plt.plot(X, Y)
Y = step_function(X)
plt.plot(X, Y)
plt.show()

# %% [cell 3]
# ReLU function
import matplotlib.pylab as plt
import numpy as np


def relu(x):
    return np.maximum(0, x)


x = np.arange(-5.0, 5.0, 0.1)
y = relu(x)
plt.plot(x, y)
plt.ylim(-1.0, 5.5)
plt.show()

# %% [cell 4]


# %% [cell 7]
def softmax(a):
    exp_a = np.exp(a)
    sum_exp_a = np.sum(exp_a)
    return exp_a / sum_exp_a


# %% [cell 8]
# overflow 예시
a = np.array([1010, 1000, 990])
print(softmax(a))


# %% [cell 9]
import matplotlib.pyplot as plt

x = np.arange(-10, 10, 0.1)
y = softmax(x)
plt.plot(x, y)
plt.show()


# %% [cell 10]
def softmax(a):
    c = np.max(a)
    exp_a = np.exp(a - c)  # overflow 대책
    sum_exp_a = np.sum(exp_a)
    return exp_a / sum_exp_a


a = np.array([1010, 1000, 990])
print(softmax(a))
print(np.sum(softmax(a)))  # 출력의 합이 1 -> 확률로 해석 가능


def identity_function(x):
    return x

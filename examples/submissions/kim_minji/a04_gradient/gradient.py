import numpy as np

H = 1e-4


def numerical_diff(f, x):
    return (f(x + H) - f(x - H)) / (H + H)


def numerical_gradient(f, x):
    flat = x.reshape(-1)  # a view: changing flat changes x
    grad = np.empty(flat.shape, dtype=np.float64)
    for i in range(flat.size):
        saved = flat[i]
        flat[i] = saved + H
        plus = f(x)
        flat[i] = saved - H
        minus = f(x)
        flat[i] = saved
        grad[i] = (plus - minus) / (2 * H)
    return grad.reshape(x.shape)


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    for _ in range(step_num):
        x -= lr * numerical_gradient(f, x)
    return x

"""helpers."""
import numpy as np

DELTA = 1e-4


def numerical_diff(f, x):
    # central difference: (f(x+h) - f(x-h)) / 2h
    plus = f(x + DELTA)
    minus = f(x - DELTA)
    return (plus - minus) / (2 * DELTA)


def _partial(f, vec, k):
    """One partial derivative; the coordinate is put back before returning."""
    saved = vec[k]
    vec[k] = saved + DELTA
    upper = f(vec.base if vec.base is not None else vec)
    vec[k] = saved - DELTA
    lower = f(vec.base if vec.base is not None else vec)
    vec[k] = saved
    return (upper - lower) / (2 * DELTA)


def numerical_gradient(f, x):
    # walk over every element through a vec view, whatever the shape of x
    if x.dtype.kind != "f":
        raise TypeError("x must be a float array")
    vec = x.reshape(-1)
    grads = np.empty(vec.shape[0], dtype=np.float64)
    for k in range(vec.shape[0]):
        saved = vec[k]
        vec[k] = saved + DELTA
        upper = float(f(x))
        vec[k] = saved - DELTA
        lower = float(f(x))
        vec[k] = saved
        grads[k] = (upper - lower) / (2 * DELTA)
    return grads.reshape(x.shape)


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    # plain gradient descent; the history is kept for plotting the path
    point = init_x
    history = []
    step = 0
    while step < step_num:
        history.append(point.copy())
        slope = numerical_gradient(f, point)
        point -= lr * slope
        step += 1
    return point


def path_of(f, init_x, lr=0.01, step_num=100):
    """Every point visited, for the 2-D plot of the descent."""
    point = np.array(init_x, dtype=np.float64)
    points = [point.copy()]
    for _ in range(step_num):
        point = point - lr * numerical_gradient(f, point)
        points.append(point.copy())
    return np.array(points)

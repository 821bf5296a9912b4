"""수치 미분 과제 (한서진)."""
import numpy as np

STEP = 1e-4


def numerical_diff(f, x):
    # central difference: (f(x+h) - f(x-h)) / 2h
    forward_value = f(x + STEP)
    backward_value = f(x - STEP)
    return (forward_value - backward_value) / (2 * STEP)


def _partial(f, flat, position):
    """One partial derivative; the coordinate is put back before returning."""
    saved = flat[position]
    flat[position] = saved + STEP
    upper = f(flat.base if flat.base is not None else flat)
    flat[position] = saved - STEP
    lower = f(flat.base if flat.base is not None else flat)
    flat[position] = saved
    return (upper - lower) / (2 * STEP)


def numerical_gradient(f, x):
    # walk over every element through a flat view, whatever the shape of x
    if x.dtype.kind != "f":
        raise TypeError("x must be a float array")
    flat = x.reshape(-1)
    result = np.empty(flat.shape[0], dtype=np.float64)
    for position in range(flat.shape[0]):
        saved = flat[position]
        flat[position] = saved + STEP
        upper = float(f(x))
        flat[position] = saved - STEP
        lower = float(f(x))
        flat[position] = saved
        result[position] = (upper - lower) / (2 * STEP)
    return result.reshape(x.shape)


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    # plain gradient descent; the history is kept for plotting the path
    current = init_x
    history = []
    step = 0
    while step < step_num:
        history.append(current.copy())
        slope = numerical_gradient(f, current)
        current -= lr * slope
        step += 1
    return current


def path_of(f, init_x, lr=0.01, step_num=100):
    """Every point visited, for the 2-D plot of the descent."""
    current = np.array(init_x, dtype=np.float64)
    points = [current.copy()]
    for _ in range(step_num):
        current = current - lr * numerical_gradient(f, current)
        points.append(current.copy())
    return np.array(points)

"""과제 4: 수치 미분과 경사 하강법
Assignment 4: numerical differentiation and gradient descent

테스트 실행 / run the public tests:  pytest test_gradient_public.py
"""
import numpy as np


def numerical_diff(f, x):
    """수치 미분 (중앙 차분) / numerical derivative (central difference).

        f'(x) ~= (f(x + h) - f(x - h)) / (2h),   h = 1e-4

    Args:
        f: 실수 하나를 받아 실수 하나를 반환하는 함수 / a function of one number returning a number
        x (float): 미분할 위치 / where to differentiate
    Returns:
        float
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("numerical_diff")
    # ===== END TODO =====


def numerical_gradient(f, x):
    """기울기 (모든 편미분) / gradient (every partial derivative).

    x의 원소 하나씩만 +h, -h 만큼 바꿔 f를 계산하고 (h = 1e-4), 바로 원래 값으로 되돌립니다.
    Perturb one element of x at a time by +h and -h (h = 1e-4), then restore it at once.

    - x는 1차원뿐 아니라 2차원, 3차원 배열일 수도 있습니다 (슬라이드 코드는 1차원만 됩니다).
      np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])를 쓰면 편합니다.
      x may be 2-D or 3-D, not only 1-D (the slide's version handles 1-D only);
      np.nditer(x, flags=['multi_index'], op_flags=['readwrite']) helps.
    - 함수가 끝나면 x는 호출 전과 똑같아야 합니다 / x must be exactly as before when you return.

    Args:
        f: 배열 x를 받아 실수 하나를 반환하는 함수 / a function of the array x returning a number
        x: 실수 배열, shape (...) / a float array of shape (...)
    Returns:
        grad: x와 같은 shape (...) / the same shape as x
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("numerical_gradient")
    # ===== END TODO =====


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    """경사 하강법 / gradient descent.

        x <- x - lr * numerical_gradient(f, x)   (step_num번 반복 / repeated step_num times)

    예 / e.g. f(x) = x0^2 + x1^2, init_x = [-3.0, 4.0], lr=0.1, step_num=100 -> 거의 [0, 0] / almost [0, 0]

    Args:
        f: 최소화할 함수 / the function to minimise
        init_x: 시작점 (실수 배열) / the starting point (a float array)
        lr (float): 학습률 / learning rate
        step_num (int): 반복 횟수 / number of steps
    Returns:
        x: 마지막 위치, init_x와 같은 shape / the final point, same shape as init_x
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("gradient_descent")
    # ===== END TODO =====

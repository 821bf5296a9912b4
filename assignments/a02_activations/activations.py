"""과제 2: 활성화 함수
Assignment 2: activation functions

모든 함수는 스칼라(예: 3.0) 또는 임의 shape의 numpy 배열 x를 받습니다.
Every function takes x as a scalar (e.g. 3.0) or a numpy array of any shape.
배열을 받으면 같은 shape의 배열을 반환합니다 (원소별 계산; softmax는 마지막 축 기준).
For an array, return an array of the same shape (element-wise; softmax over the last axis).

주의 / Note: 슬라이드의 ``astype(np.int)``는 NumPy 1.24부터 동작하지 않습니다. ``int``를 쓰세요.
The slides' ``astype(np.int)`` fails since NumPy 1.24; use ``int``.

테스트 실행 / run the public tests:  pytest test_activations_public.py
"""
import numpy as np


def step_function(x):
    """계단 함수 / step function.

        h(x) = 0  (x <= 0)
        h(x) = 1  (x >  0)

    Args:
        x: 스칼라 또는 shape (...)의 배열 / a scalar or an array of shape (...)
    Returns:
        정수 0/1 (배열이면 dtype int, shape (...)) / integers 0/1 (for an array: dtype int, shape (...))
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("step_function")
    # ===== END TODO =====


def sigmoid(x):
    """시그모이드 함수 / sigmoid function.

        h(x) = 1 / (1 + exp(-x))

    예 / e.g. sigmoid(np.array([-1.0, 1.0, 2.0])) -> [0.26894142, 0.73105858, 0.88079708]

    Args:
        x: 스칼라 또는 shape (...)의 배열 / a scalar or an array of shape (...)
    Returns:
        (0, 1) 사이의 값, shape (...) / values in (0, 1), shape (...)
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("sigmoid")
    # ===== END TODO =====


def relu(x):
    """ReLU 함수 / ReLU function.

        h(x) = x  (x >  0)
        h(x) = 0  (x <= 0)

    입력 배열 x를 직접 바꾸지 마세요 / do not modify the input array x in place.
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("relu")
    # ===== END TODO =====


def identity_function(x):
    """항등 함수 (회귀의 출력층) / identity function (output layer for regression).

        h(x) = x
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("identity_function")
    # ===== END TODO =====


def softmax(x):
    """소프트맥스 함수 / softmax function.

        y_k = exp(a_k) / sum_i exp(a_i)

    - 오버플로를 막기 위해 최댓값을 빼세요: exp(a - max(a)) (결과는 같습니다).
      Subtract the maximum first to avoid overflow: exp(a - max(a)) (same result).
    - x가 shape (N, C)인 배치이면 각 행(마지막 축)마다 따로 계산합니다.
      For a batch x of shape (N, C), normalise each row (the last axis) separately.

    예 / e.g. softmax(np.array([0.3, 2.9, 4.0])) -> [0.01821127, 0.24519181, 0.73659691]

    Args:
        x: shape (C,) 또는 (N, C) (또는 그 이상의 차원) / shape (C,) or (N, C) (or more dims)
    Returns:
        x와 같은 shape, 마지막 축의 합이 1 / same shape as x, summing to 1 over the last axis
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("softmax")
    # ===== END TODO =====

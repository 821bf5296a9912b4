"""과제 3: 손실 함수
Assignment 3: loss functions

y는 신경망의 출력(확률), t는 정답입니다.
y is the network's output (probabilities), t is the target.

- t는 원-핫 벡터(예: [0, 0, 1, 0, ...])이거나 정답 클래스 번호(예: 2)일 수 있습니다.
  t may be one-hot (e.g. [0, 0, 1, 0, ...]) or the class index (e.g. 2).
- y는 하나의 샘플 shape (C,) 또는 배치 shape (N, C)입니다.
  y is one sample of shape (C,) or a batch of shape (N, C).

테스트 실행 / run the public tests:  pytest test_losses_public.py
"""
import numpy as np


def mean_squared_error(y, t):
    """평균 제곱 오차 (강의 정의: 1/2를 곱한 합) / mean squared error (as taught: half the sum).

        E = 1/2 * sum_k (y_k - t_k)^2

    예 / e.g. t = 2번 클래스 원-핫, y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0] -> 0.0975

    Args:
        y: shape (C,) 또는 (N, C) / shape (C,) or (N, C)
        t: y와 같은 shape의 원-핫 / one-hot, same shape as y
    Returns:
        float (스칼라) / float (a scalar)
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("mean_squared_error")
    # ===== END TODO =====


def cross_entropy_error(y, t):
    """교차 엔트로피 오차 (배치 평균) / cross-entropy error (mean over the batch).

        E = -1/N * sum_n sum_k t_nk * log(y_nk + delta),   delta = 1e-7

    - log(0)이 -inf가 되지 않도록 delta = 1e-7을 더하세요 / add delta = 1e-7 so log(0) is not -inf.
    - y가 1차원 (C,)이면 N = 1인 배치로 다루세요 (reshape(1, C)) / treat a 1-D y as a batch of one.
    - t가 정답 클래스 번호이면 y[np.arange(N), t]를 쓰면 됩니다 / for class-index t use y[np.arange(N), t].

    예 / e.g. 위 y와 t -> 약 0.51 / the y and t above -> about 0.51

    Args:
        y: shape (C,) 또는 (N, C) / shape (C,) or (N, C)
        t: 원-핫 shape (C,)/(N, C), 또는 클래스 번호 (int, shape ()/(N,)) / one-hot (C,)/(N, C), or class indices (an int, shape () or (N,))
    Returns:
        float: 배치 평균 손실 / the mean loss over the batch
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("cross_entropy_error")
    # ===== END TODO =====

"""공개 테스트 (채점용 숨은 테스트는 더 많습니다) / Public tests (the hidden grading tests check more).

실행 / run:  pytest test_losses_public.py
"""
import numpy as np

from losses import cross_entropy_error, mean_squared_error

T = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
Y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])


def test_mean_squared_error():
    assert abs(mean_squared_error(Y, T) - 0.0975) < 1e-9


def test_cross_entropy_error():
    assert abs(cross_entropy_error(Y, T) - 0.5108) < 1e-3

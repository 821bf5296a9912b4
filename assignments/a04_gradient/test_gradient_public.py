"""공개 테스트 (채점용 숨은 테스트는 더 많습니다) / Public tests (the hidden grading tests check more).

실행 / run:  pytest test_gradient_public.py
"""
import numpy as np

from gradient import gradient_descent, numerical_diff, numerical_gradient


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


def test_numerical_diff():
    assert abs(numerical_diff(lambda x: x ** 2, 3.0) - 6.0) < 1e-6


def test_numerical_gradient():
    np.testing.assert_allclose(numerical_gradient(function_2, np.array([3.0, 4.0])), [6.0, 8.0], rtol=1e-6)


def test_gradient_descent():
    x = gradient_descent(function_2, np.array([-3.0, 4.0]), lr=0.1, step_num=100)
    assert np.all(np.abs(x) < 1e-8)

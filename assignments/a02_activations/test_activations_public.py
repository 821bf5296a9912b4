"""공개 테스트 (채점용 숨은 테스트는 더 많습니다) / Public tests (the hidden grading tests check more).

실행 / run:  pytest test_activations_public.py
"""
import numpy as np

from activations import identity_function, relu, sigmoid, softmax, step_function


def test_step_function():
    assert step_function(np.array([-1.0, 1.0, 2.0])).tolist() == [0, 1, 1]


def test_sigmoid():
    np.testing.assert_allclose(sigmoid(np.array([-1.0, 1.0, 2.0])), [0.26894142, 0.73105858, 0.88079708], rtol=1e-6)


def test_relu():
    assert relu(np.array([-2.0, 0.0, 3.0])).tolist() == [0.0, 0.0, 3.0]


def test_identity_function():
    x = np.array([1.0, -2.0])
    assert identity_function(x).tolist() == [1.0, -2.0]


def test_softmax():
    y = softmax(np.array([0.3, 2.9, 4.0]))
    np.testing.assert_allclose(y, [0.01821127, 0.24519181, 0.73659691], rtol=1e-6)
    assert abs(np.sum(y) - 1.0) < 1e-9

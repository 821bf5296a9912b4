"""공개 테스트 (채점용 숨은 테스트는 더 많습니다) / Public tests (the hidden grading tests check more).

실행 / run:  pytest test_neuralnet_public.py
"""
import numpy as np

from neuralnet import accuracy, forward, init_network, predict


def test_init_network_slides():
    network = init_network()
    np.testing.assert_allclose(network["W1"], [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]])
    np.testing.assert_allclose(network["b1"], [0.1, 0.2, 0.3])
    assert np.shape(network["W2"]) == (3, 2) and np.shape(network["W3"]) == (2, 2)


def test_forward_slides_example():
    y = forward(init_network(), np.array([1.0, 0.5]))
    np.testing.assert_allclose(y, [0.31682708, 0.69627909], rtol=1e-6)


def test_forward_batch_rows_match_single_inputs():
    network = init_network()
    x = np.array([[1.0, 0.5], [-0.3, 2.0], [0.0, 0.0]])
    y = forward(network, x)
    assert y.shape == (3, 2)
    for row, single in zip(y, x):
        np.testing.assert_allclose(row, forward(network, single))


def test_predict_rows_are_probabilities():
    y = predict(init_network(), np.array([[1.0, 0.5], [3.0, -2.0]]))
    assert y.shape == (2, 2)
    np.testing.assert_allclose(y.sum(axis=1), [1.0, 1.0])
    assert np.all(y > 0)


def test_accuracy_counts_every_batch():
    network = init_network()
    x = np.random.default_rng(0).normal(size=(250, 2))
    t = np.argmax(forward(network, x), axis=1)
    t[:10] = 1 - t[:10]  # ten wrong labels
    assert accuracy(network, x, t, batch_size=100) == 0.96
    assert accuracy(network, x, t, batch_size=7) == 0.96

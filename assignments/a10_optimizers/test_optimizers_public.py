"""공개 테스트 (채점용 숨은 테스트는 더 많습니다) / Public tests (the hidden grading tests check more).

실행 / run:  pytest test_optimizers_public.py
"""
import numpy as np

from optimizer import SGD, AdaGrad, Adam, Momentum, Nesterov, RMSprop
from regularization import BatchNormalization, Dropout
from weight_init import he_init, xavier_init


def _params():
    return {"W": np.array([[1.0, -2.0], [0.5, 3.0]]), "b": np.array([0.1, -0.1])}


def _grads():
    return {"W": np.array([[0.5, -1.0], [2.0, 0.25]]), "b": np.array([1.0, -0.5])}


def test_sgd_one_step_in_place():
    params, grads = _params(), _grads()
    W = params["W"]
    SGD(lr=0.1).update(params, grads)
    np.testing.assert_allclose(params["W"], [[0.95, -1.9], [0.3, 2.975]])
    assert params["W"] is W  # changed in place


def test_momentum_two_steps():
    params, grads = _params(), _grads()
    opt = Momentum(lr=0.1, momentum=0.9)
    opt.update(params, grads)
    opt.update(params, grads)
    # v1 = -0.1 g, v2 = 0.9 v1 - 0.1 g = -0.19 g: W moves by -0.29 g in all
    np.testing.assert_allclose(params["b"], [0.1 - 0.29, -0.1 + 0.145])


def test_adam_first_step_is_about_lr():
    params, grads = _params(), _grads()
    Adam(lr=0.001).update(params, grads)
    np.testing.assert_allclose(params["W"], _params()["W"] - 0.001 * np.sign(grads["W"]), rtol=1e-4)


def test_every_optimizer_runs():
    for opt in (SGD(), Momentum(), Nesterov(), AdaGrad(), RMSprop(), Adam()):
        params = _params()
        for _ in range(3):
            opt.update(params, _grads())
        assert params["W"].shape == (2, 2) and np.all(params["W"] != _params()["W"])


def test_init_shapes_and_spread():
    np.random.seed(0)
    w = xavier_init(300, 100)
    assert w.shape == (300, 100)
    # sqrt(2 / (n_in + n_out)) = 0.0707 (slides) or 1 / sqrt(n_in) = 0.0577 (book)
    assert 0.95 / np.sqrt(300) < w.std() < 1.05 * np.sqrt(2 / 400)
    assert he_init(300, 100).std() > 1.3 * w.std()
    r = np.sqrt(6 / 400)
    assert np.abs(xavier_init(300, 100, uniform=True)).max() <= r


def test_dropout_masks_and_backward():
    np.random.seed(0)
    x = np.ones((100, 100))
    layer = Dropout(dropout_ratio=0.3)
    out = layer.forward(x)
    assert 0.25 < np.mean(out == 0) < 0.35
    dx = layer.backward(np.ones_like(x))
    assert np.array_equal(dx == 0, out == 0)
    test_out = layer.forward(x, train_flg=False)
    assert np.all(test_out != 0)


def test_batchnorm_forward_normalises():
    x = np.random.randn(20, 3) * 5 + 2
    out = BatchNormalization(np.ones(3), np.zeros(3)).forward(x)
    np.testing.assert_allclose(out.mean(axis=0), 0, atol=1e-6)
    np.testing.assert_allclose(out.std(axis=0), 1, atol=1e-3)

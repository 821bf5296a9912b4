"""공개 테스트 (채점용 숨은 테스트는 더 많습니다) / Public tests (the hidden grading tests check more).

실행 / run:  pytest test_cnn_layers_public.py
"""
import numpy as np

from cnn_layers import Convolution, Pooling, col2im, conv_output_size, im2col


def test_conv_output_size_slides():
    assert conv_output_size(7, 3, stride=1) == 5
    assert conv_output_size(7, 3, stride=2) == 3
    assert conv_output_size(4, 3, stride=1, pad=1) == 4


def test_im2col_shape_book():
    x1 = np.random.rand(1, 3, 7, 7)
    assert im2col(x1, 5, 5, stride=1, pad=0).shape == (9, 75)
    x2 = np.random.rand(10, 3, 7, 7)
    assert im2col(x2, 5, 5, stride=1, pad=0).shape == (90, 75)


def test_im2col_first_row_is_first_window():
    x = np.arange(2 * 2 * 4 * 4, dtype=float).reshape(2, 2, 4, 4)
    col = im2col(x, 3, 3, stride=1, pad=0)
    np.testing.assert_array_equal(col[0], x[0, :, 0:3, 0:3].reshape(-1))
    np.testing.assert_array_equal(col[1], x[0, :, 0:3, 1:4].reshape(-1))


def test_col2im_shape():
    col = np.ones((2 * 3 * 3, 1 * 2 * 2))
    img = col2im(col, (2, 1, 4, 4), 2, 2, stride=1, pad=0)
    assert img.shape == (2, 1, 4, 4)
    assert img[0, 0, 1, 1] == 4  # four overlapping windows cover this position


def _numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        up = f()
        x[idx] = old - h
        down = f()
        x[idx] = old
        grad[idx] = (up - down) / (2 * h)
    return grad


def test_convolution_gradient_check():
    rng = np.random.default_rng(0)
    x, W, b = rng.normal(size=(2, 3, 5, 5)), rng.normal(size=(4, 3, 3, 3)), rng.normal(size=4)
    layer = Convolution(W, b, stride=1, pad=1)
    dout = rng.normal(size=layer.forward(x).shape)
    dx = layer.backward(dout)

    def loss():
        return np.sum(Convolution(W, b, stride=1, pad=1).forward(x) * dout)
    np.testing.assert_allclose(dx, _numerical_gradient(loss, x), atol=1e-6)
    np.testing.assert_allclose(layer.dW, _numerical_gradient(loss, W), atol=1e-6)
    np.testing.assert_allclose(layer.db, _numerical_gradient(loss, b), atol=1e-6)


def test_pooling_forward_and_backward():
    x = np.array([[[[1.0, 2.0, 0.0, 1.0],
                    [3.0, 0.0, 4.0, 2.0],
                    [0.0, 1.0, 2.0, 3.0],
                    [5.0, 2.0, 1.0, 0.0]]]])
    pool = Pooling(2, 2, stride=2)
    np.testing.assert_array_equal(pool.forward(x), [[[[3.0, 4.0], [5.0, 3.0]]]])
    dx = pool.backward(np.ones((1, 1, 2, 2)))
    assert dx.shape == x.shape and dx.sum() == 4 and dx[0, 0, 1, 0] == 1 and dx[0, 0, 0, 0] == 0

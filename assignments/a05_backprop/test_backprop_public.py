"""공개 테스트 (채점용 숨은 테스트는 더 많습니다) / Public tests (the hidden grading tests check more).

실행 / run:  pytest test_backprop_public.py
"""
import numpy as np

from layers import AddLayer, MulLayer
from two_layer_net import TwoLayerNet


def test_apple_shopping():
    mul_apple, mul_tax = MulLayer(), MulLayer()
    price = mul_tax.forward(mul_apple.forward(100, 2), 1.1)
    dapple_price, dtax = mul_tax.backward(1)
    dapple, dapple_num = mul_apple.backward(dapple_price)
    assert int(price) == 220 and abs(dapple - 2.2) < 1e-9 and int(dapple_num) == 110 and dtax == 200


def test_add_layer():
    add = AddLayer()
    assert add.forward(2, 3) == 5 and add.backward(1.5) == (1.5, 1.5)


def test_gradient_check():
    np.random.seed(0)
    net = TwoLayerNet(input_size=4, hidden_size=3, output_size=3)
    x = np.random.randn(5, 4)
    t = np.eye(3)[[0, 1, 2, 1, 0]]
    num, bp = net.numerical_gradient(x, t), net.gradient(x, t)
    for key in ("W1", "b1", "W2", "b2"):
        assert np.mean(np.abs(num[key] - bp[key])) < 1e-6, key

"""과제 5-2: 오차역전파법으로 학습하는 2층 신경망
Assignment 5-2: a two-layer network trained with backpropagation

구조 / structure:  Affine1 -> Relu1 -> Affine2 -> SoftmaxWithLoss

테스트 실행 / run the public tests:  pytest test_backprop_public.py
"""
from collections import OrderedDict

import numpy as np

from layers import Affine, Relu, SoftmaxWithLoss


class TwoLayerNet:
    """Args:
        input_size (int): D, 입력 크기 / input size (Fashion-MNIST: 784)
        hidden_size (int): H, 은닉층 크기 / hidden size
        output_size (int): C, 클래스 수 / number of classes
        weight_init_std (float): 가중치 초기화 표준편차 / std of the initial weights

    self.params (dict):
        'W1': (D, H) = weight_init_std * np.random.randn(D, H),  'b1': (H,) zeros
        'W2': (H, C) = weight_init_std * np.random.randn(H, C),  'b2': (C,) zeros
    계층은 params의 배열을 그대로 (복사하지 않고) 써야 합니다: 학습 루프가
    params[key] -= lr * grad[key]로 그 자리에서 바꿉니다.
    The layers must use the params arrays themselves (not copies): the training
    loop updates them in place with params[key] -= lr * grad[key].
    """

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        # ===== TODO: params와 layers, lastLayer를 만드세요 / create params, layers and lastLayer =====
        raise NotImplementedError("TwoLayerNet.__init__")
        # ===== END TODO =====

    def predict(self, x):
        """x: (N, D) -> 점수 (softmax 전) / scores before softmax: (N, C)"""
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("TwoLayerNet.predict")
        # ===== END TODO =====

    def loss(self, x, t):
        """x: (N, D), t: (N, C) 원-핫 또는 (N,) 번호 / one-hot or indices -> float"""
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("TwoLayerNet.loss")
        # ===== END TODO =====

    def accuracy(self, x, t):
        """정확도 (0~1) / accuracy in [0, 1]: argmax(predict(x)) == 정답 / the answer"""
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("TwoLayerNet.accuracy")
        # ===== END TODO =====

    def numerical_gradient(self, x, t):
        """수치 미분으로 구한 기울기 / gradients by numerical differentiation.

        Returns: {'W1': (D, H), 'b1': (H,), 'W2': (H, C), 'b2': (C,)}
        (과제 4의 numerical_gradient를 써도 됩니다 / you may use a04's numerical_gradient:
         from gradient import numerical_gradient)
        """
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("TwoLayerNet.numerical_gradient")
        # ===== END TODO =====

    def gradient(self, x, t):
        """오차역전파법으로 구한 기울기 / gradients by backpropagation (same dict as numerical_gradient)."""
        # ===== TODO: forward, 그다음 역순으로 backward / forward, then backward in reverse order =====
        raise NotImplementedError("TwoLayerNet.gradient")
        # ===== END TODO =====

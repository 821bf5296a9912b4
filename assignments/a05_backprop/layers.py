"""과제 5-1: 오차역전파법 계층
Assignment 5-1: backpropagation layers

각 계층은 forward(순전파)와 backward(역전파)를 가집니다. backward(dout)는
상류에서 온 미분 dout(= dL/dout)을 받아 입력에 대한 미분을 반환합니다.
Every layer has forward and backward. backward(dout) takes the upstream
derivative dout (= dL/dout) and returns the derivative with respect to the input.

- 입력으로 받은 배열(x, dout)을 직접 바꾸지 마세요 (필요하면 .copy()).
  Do not modify the arrays you receive (x, dout) in place; .copy() them if needed.
- 이전 과제의 함수를 가져다 써도 됩니다: from activations import softmax,
  from losses import cross_entropy_error (같은 저장소에 있으면).
  You may reuse your earlier work: from activations import softmax,
  from losses import cross_entropy_error (when it is in the same repository).

테스트 실행 / run the public tests:  pytest test_backprop_public.py
"""
import numpy as np


class MulLayer:
    """곱셈 노드 / multiplication node:  out = x * y."""

    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        """Returns: x * y"""
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("MulLayer.forward")
        # ===== END TODO =====

    def backward(self, dout):
        """Returns: (dx, dy) = (dout * y, dout * x)"""
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("MulLayer.backward")
        # ===== END TODO =====


class AddLayer:
    """덧셈 노드 / addition node:  out = x + y."""

    def __init__(self):
        pass

    def forward(self, x, y):
        """Returns: x + y"""
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("AddLayer.forward")
        # ===== END TODO =====

    def backward(self, dout):
        """Returns: (dx, dy) = (dout, dout)"""
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("AddLayer.backward")
        # ===== END TODO =====


class Relu:
    """ReLU 계층 / ReLU layer.

    forward: 0 이하인 원소를 0으로 (mask = x <= 0 을 저장) / zero where x <= 0 (keep mask = x <= 0)
    backward: mask인 곳의 dout을 0으로 / zero dout where mask is true
    """

    def __init__(self):
        self.mask = None

    def forward(self, x):
        """x: shape (...) -> out: shape (...)"""
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("Relu.forward")
        # ===== END TODO =====

    def backward(self, dout):
        """dout: shape (...) -> dx: shape (...)"""
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("Relu.backward")
        # ===== END TODO =====


class Sigmoid:
    """Sigmoid 계층 / sigmoid layer:  y = 1 / (1 + exp(-x)),  dL/dx = dout * y * (1 - y)."""

    def __init__(self):
        self.out = None

    def forward(self, x):
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("Sigmoid.forward")
        # ===== END TODO =====

    def backward(self, dout):
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("Sigmoid.backward")
        # ===== END TODO =====


class Affine:
    """Affine 계층 / affine layer:  out = x @ W + b.

    Shapes:
        W: (D, M), b: (M,)
        x: (N, D) 또는 (N, d1, d2, ...)이면 샘플마다 펼쳐서 (N, D)로 계산
           (N, D), or (N, d1, d2, ...) flattened per sample to (N, D)
        out: (N, M)
    backward(dout) with dout: (N, M):
        dx = dout @ W.T, x의 원래 shape으로 / reshaped to x's original shape
        self.dW = x.T @ dout, shape (D, M)
        self.db = 배치에 대해 합 / summed over the batch, shape (M,)
    """

    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None
        self.original_x_shape = None
        self.dW = None
        self.db = None

    def forward(self, x):
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("Affine.forward")
        # ===== END TODO =====

    def backward(self, dout):
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("Affine.backward")
        # ===== END TODO =====


class SoftmaxWithLoss:
    """Softmax-with-Loss 계층 / softmax-with-loss layer.

    forward(x, t): y = softmax(x), loss = cross_entropy_error(y, t) (배치 평균 / batch mean)
        x: (N, C), t: 원-핫 (N, C) 또는 정답 번호 (N,) / one-hot (N, C) or class indices (N,)
    backward(dout=1): dx = (y - t) / N, shape (N, C)  (t가 번호이면 원-핫으로 생각 / treat indices as one-hot)
    """

    def __init__(self):
        self.loss = None
        self.y = None
        self.t = None

    def forward(self, x, t):
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("SoftmaxWithLoss.forward")
        # ===== END TODO =====

    def backward(self, dout=1):
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("SoftmaxWithLoss.backward")
        # ===== END TODO =====

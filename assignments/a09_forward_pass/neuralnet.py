"""과제 9: 신경망의 순전파와 배치 추론
Assignment 9: the neural network's forward pass and inference in batches

책 3장의 3층 신경망을 numpy로 직접 구현합니다.
Implement the book's chapter 3 three-layer network in numpy.

    입력 x -> (W1, b1) -> sigmoid -> (W2, b2) -> sigmoid -> (W3, b3) -> 출력 / output
    a = np.dot(x, W) + b        (x: (D,) 또는 / or (N, D),  W: (D, M),  b: (M,))

- forward는 출력층에 항등 함수를, predict는 소프트맥스를 씁니다.
  forward uses the identity function on the output layer, predict uses softmax.
- sigmoid와 softmax는 직접 쓰거나, 책처럼 여러분의 과제 2 activations 모듈에서 가져와도 됩니다
  (from activations import sigmoid, softmax: 과제 2의 activations.py도 함께 제출하세요).
  Write sigmoid and softmax yourself, or import them from your assignment 2 `activations` module as
  the book does (from activations import sigmoid, softmax: hand in assignment 2's activations.py too).
- 받은 network와 x를 바꾸지 마세요 / do not modify the network or x you receive.

테스트 실행 / run the public tests:  pytest test_neuralnet_public.py
"""
import numpy as np


def init_network():
    """슬라이드(책 3.4.3)의 3층 신경망 가중치와 편향 / the slides' (the book's 3.4.3) 3-layer network.

        W1 = [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]   shape (2, 3)     b1 = [0.1, 0.2, 0.3]   shape (3,)
        W2 = [[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]] shape (3, 2)     b2 = [0.1, 0.2]        shape (2,)
        W3 = [[0.1, 0.3], [0.2, 0.4]]             shape (2, 2)     b3 = [0.1, 0.2]        shape (2,)

    Returns:
        dict: 키 / keys 'W1', 'b1', 'W2', 'b2', 'W3', 'b3' -> numpy 배열 / numpy arrays
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("init_network")
    # ===== END TODO =====


def forward(network, x):
    """순전파: 은닉층 두 개는 시그모이드, 출력층은 항등 함수 / forward pass: sigmoid hidden layers,
    the identity function on the output.

        a1 = x·W1 + b1, z1 = sigmoid(a1);  a2 = z1·W2 + b2, z2 = sigmoid(a2);  y = z2·W3 + b3

    예 / e.g.  forward(init_network(), np.array([1.0, 0.5])) -> [0.31682708 0.69627909]

    Args:
        network (dict): init_network()과 같은 키 / the keys of init_network()
            (다른 크기의 신경망도 받습니다 / networks of other sizes too: W1 (D, H1), W2 (H1, H2), W3 (H2, C))
        x: shape (D,) 하나의 입력 / one input, 또는 / or (N, D) 배치 / a batch
    Returns:
        y: shape (C,) 또는 / or (N, C)
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("forward")
    # ===== END TODO =====


def predict(network, x):
    """추론: forward와 같지만 출력층이 소프트맥스 / inference: as forward, with softmax on the output.

    배치의 각 행(샘플)마다 따로 소프트맥스를 계산합니다 (각 행의 합이 1).
    Softmax is taken for each row (sample) of a batch on its own (each row sums to 1).
    큰 값에서도 오버플로가 나지 않게 하세요 (최댓값을 빼기).
    Keep it from overflowing on large scores (subtract the maximum).

    Args:
        network (dict): W1, b1, W2, b2, W3, b3 (예 / e.g. 784 -> 50 -> 100 -> 10)
        x: shape (N, D) 배치 / a batch, 또는 / or (D,) 하나 / one sample
    Returns:
        y: shape (N, C) 또는 / or (C,), 확률 / probabilities
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("predict")
    # ===== END TODO =====


def accuracy(network, x, t, batch_size=100):
    """정확도: x를 batch_size 행씩 predict하여 맞힌 비율 / accuracy: the share of x that predict gets
    right, taking batch_size rows at a time.

        for i in range(0, len(x), batch_size): x[i:i+batch_size] ...
        (마지막 배치는 batch_size보다 작을 수 있습니다 / the last batch may be smaller)

    예측은 각 행에서 확률이 가장 큰 클래스입니다 (np.argmax(y, axis=1)).
    The prediction is each row's most probable class (np.argmax(y, axis=1)).

    Args:
        network (dict): W1, b1, W2, b2, W3, b3
        x: shape (N, D) 입력 / inputs
        t: shape (N,) 정답 레이블 (정수) / the right labels (integers)
        batch_size (int): 한 번에 predict할 행의 수 / rows per predict call
    Returns:
        float: 맞힌 수 / N, 0.0 ~ 1.0 / the number right / N
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("accuracy")
    # ===== END TODO =====

"""과제 10 (3/3): 드롭아웃과 배치 정규화 / Assignment 10 (3/3): Dropout and Batch Normalization

책 6장의 계층입니다. forward(x, train_flg=True)는 학습 때, forward(x, train_flg=False)는 시험(추론) 때.
The book's chapter 6 layers. forward(x, train_flg=True) while training, train_flg=False at test time.
x의 shape은 (N, D)입니다 / x has shape (N, D): N = 배치 크기 / batch size, D = 특징 수 / features.

- 입력으로 받은 배열(x, dout)을 직접 바꾸지 마세요 / do not modify the arrays you receive.

테스트 실행 / run the public tests:  pytest test_optimizers_public.py
"""
import numpy as np


class Dropout:
    """드롭아웃 / Dropout.

    학습 때: 원소마다 확률 dropout_ratio로 0으로 만들고 (np.random.rand로 마스크), 마스크를 기억합니다.
    시험 때: 아무것도 버리지 않고, 출력의 기댓값이 학습 때와 같게 합니다. 두 형태 모두 정답:
    While training: set each element to 0 with probability dropout_ratio (a mask from np.random.rand),
    and remember the mask. At test time: drop nothing, keeping the output's expected value as in
    training. Both forms are accepted:
        책 / the book:           학습 / train  x * mask                     시험 / test  x * (1 - dropout_ratio)
        역 드롭아웃 / inverted:  학습 / train  x * mask / (1 - dropout_ratio)  시험 / test  x
    backward(dout): 순전파에서 버린 원소의 기울기는 0 (같은 마스크, 같은 배율)
                    the elements dropped in forward get no gradient (the same mask and scale)
    """

    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None

    def forward(self, x, train_flg=True):
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("Dropout.forward")
        # ===== END TODO =====

    def backward(self, dout):
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("Dropout.backward")
        # ===== END TODO =====


class BatchNormalization:
    """배치 정규화 / Batch Normalization, x: shape (N, D), gamma, beta: shape (D,).

    학습 때 / while training (특징마다 배치에 대해 / per feature, over the batch):
        mu = x의 평균 / mean,  var = ((x - mu)**2)의 평균 / mean   (N으로 나눔 / divided by N)
        xn = (x - mu) / sqrt(var + 10e-7)
        out = gamma * xn + beta
        running_mean <- momentum * running_mean + (1 - momentum) * mu   (running_var도 var로 / likewise)
    시험 때 / at test time:  running_mean, running_var로 정규화 / normalise with them
    running_mean, running_var가 None이면 첫 forward에서 0으로 만듭니다 / None: zeros on the first forward.

    backward(dout) -> dx, shape (N, D); self.dgamma, self.dbeta: shape (D,)
        x는 mu와 var에도 들어가므로 그 경로의 기울기도 더합니다 (계산 그래프를 따라가세요).
        x also enters mu and var, so add the gradient along those paths too (follow the graph).
    """

    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma = gamma
        self.beta = beta
        self.momentum = momentum
        self.running_mean = running_mean
        self.running_var = running_var
        self.dgamma = None
        self.dbeta = None

    def forward(self, x, train_flg=True):
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("BatchNormalization.forward")
        # ===== END TODO =====

    def backward(self, dout):
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("BatchNormalization.backward")
        # ===== END TODO =====

"""과제 10 (1/3): 최적화 기법 / Assignment 10 (1/3): optimizers

책 6장의 옵티마이저를 numpy로 직접 구현합니다. 모든 클래스는 같은 방법을 씁니다:
Implement the book's chapter 6 optimizers in numpy. Every class has the same method:

    update(params, grads)
        params: {'W1': 배열 / array, 'b1': ..., ...}  매개변수 / the parameters
        grads:  {'W1': 배열 / array, 'b1': ..., ...}  같은 키와 shape의 기울기 / gradients, same keys and shapes

- params의 배열을 그 자리에서 바꾸세요: params[key] -= ... (params[key] = params[key] - ... 는 안 됩니다).
  신경망의 계층이 같은 배열을 가리키기 때문입니다.
  Change the arrays of params in place: params[key] -= ... (not params[key] = params[key] - ...),
  because a network's layers hold the same arrays.
- 상태(v, h, m, 반복 횟수)는 키마다 따로, update를 여러 번 부르는 동안 유지합니다.
  처음 update할 때 params와 같은 shape의 0으로 만드세요 (np.zeros_like).
  Keep the state (v, h, m, the step count) per key between calls to update; create it, as zeros
  of the params' shapes (np.zeros_like), on the first call.
- grads는 바꾸지 마세요 / do not modify grads.

테스트 실행 / run the public tests:  pytest test_optimizers_public.py
"""
import numpy as np


class SGD:
    """확률적 경사 하강법 / stochastic gradient descent:  W <- W - lr * dW"""

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("SGD.update")
        # ===== END TODO =====


class Momentum:
    """모멘텀 / momentum:
        v <- momentum * v - lr * dW
        W <- W + v
    """

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None  # {key: 배열 / array}, 첫 update에서 0으로 / zeros on the first update

    def update(self, params, grads):
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("Momentum.update")
        # ===== END TODO =====


class Nesterov:
    """Nesterov 가속 경사 (NAG) / Nesterov's accelerated gradient (NAG).

    슬라이드: 앞을 내다본 자리 W + momentum * v에서 기울기를 구합니다. update(params, grads)에는
    지금 자리의 기울기만 오므로, 그 식을 지금 자리의 기울기로 바꿔 쓴 형태를 구현합니다. 둘 다 정답:
    The slides take the gradient at the look-ahead point W + momentum * v. update(params, grads) only
    gets the gradient at the current point, so implement the rule rewritten for it. Both are accepted:

        책 / the book:     v <- momentum * v - lr * dW
                           W <- W + momentum * momentum * v - (1 + momentum) * lr * dW
        Keras, PyTorch:    v <- momentum * v - lr * dW
                           W <- W + momentum * v - lr * dW
    """

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("Nesterov.update")
        # ===== END TODO =====


class AdaGrad:
    """AdaGrad:
        h <- h + dW * dW                    (원소별 / element-wise)
        W <- W - lr * dW / (sqrt(h) + 1e-7) (책 / the book)
          또는 / or  W - lr * dW / sqrt(h + eps)  (슬라이드 / the slides)
    """

    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("AdaGrad.update")
        # ===== END TODO =====


class RMSprop:
    """RMSProp: 오래된 기울기는 decay_rate만큼씩 잊습니다 / old gradients fade by decay_rate each step.
        h <- decay_rate * h + (1 - decay_rate) * dW * dW
        W <- W - lr * dW / (sqrt(h) + 1e-7)   (또는 / or  sqrt(h + eps))
    """

    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr = lr
        self.decay_rate = decay_rate
        self.h = None

    def update(self, params, grads):
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("RMSprop.update")
        # ===== END TODO =====


class Adam:
    """Adam (t = 1, 2, ...: update를 부른 횟수 / the number of calls to update):
        m <- beta1 * m + (1 - beta1) * dW
        v <- beta2 * v + (1 - beta2) * dW * dW
        편향 보정 / bias correction:  m_hat = m / (1 - beta1**t),  v_hat = v / (1 - beta2**t)
        W <- W - lr * m_hat / (sqrt(v_hat) + 1e-7)
    책처럼 보정을 학습률에 넣어도 됩니다 / or fold the correction into the learning rate, as the book does:
        lr_t = lr * sqrt(1 - beta2**t) / (1 - beta1**t);  W <- W - lr_t * m / (sqrt(v) + 1e-7)
    """

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("Adam.update")
        # ===== END TODO =====

# 이준호 - 활성화 함수 (슬라이드 코드를 그대로 복사한 부분이 있음)
import numpy as np


def step_function(x):
    y = x > 0
    return y.astype(np.int)   # 슬라이드 그대로: NumPy 1.24에서 삭제된 np.int


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


def identity_function(x):
    return x


def softmax(a):
    exp_a = np.exp(a)          # 실수: 최댓값을 빼지 않음 / mistake: no max shift
    sum_exp_a = np.sum(exp_a)  # 실수: 배치 전체의 합 / mistake: one sum for the whole batch
    return exp_a / sum_exp_a

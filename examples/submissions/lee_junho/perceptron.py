# 이준호 - 퍼셉트론 과제 (한 저장소에 파일을 바로 올린 경우)
import numpy as np


def AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.7
    tmp = np.sum(w * x) + b
    return tmp > 0          # 실수: bool을 반환 / mistake: returns a bool


def NAND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([-0.5, -0.5])
    b = 0.7
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    return 1


def OR(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.2
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    return 1


def XOR(x1, x2):
    return int(x1 != x2)    # 실수: 게이트를 조합하지 않음 / mistake: not built from the gates

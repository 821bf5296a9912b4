"""과제 10 (2/3): 가중치 초기화 / Assignment 10 (2/3): weight initialisation

(n_in, n_out) 가중치 행렬을 np.random으로 뽑아 반환합니다 (np.random.seed로 같은 값을 다시 얻을 수 있게).
Return an (n_in, n_out) weight matrix drawn with np.random (so np.random.seed repeats it).
    n_in = 앞 층의 노드 수 (fan-in) / nodes of the previous layer,  n_out = 다음 층의 노드 수 (fan-out) / of the next

uniform=False: 정규분포 N(0, sigma^2) / a normal distribution:  np.random.randn(n_in, n_out) * sigma
uniform=True:  균등분포 U(-r, r) / a uniform distribution:      np.random.uniform(-r, r, size=(n_in, n_out))

테스트 실행 / run the public tests:  pytest test_optimizers_public.py
"""
import numpy as np


def xavier_init(n_in, n_out, uniform=False):
    """Xavier (Glorot) 초기화 / initialisation (sigmoid, tanh).

        정규 / normal:   sigma = sqrt(2 / (n_in + n_out))
                         (fan-in과 fan-out이 비슷하면 책처럼 1 / sqrt(n_in)도 됩니다
                          / where fan-in and fan-out are similar, the book's 1 / sqrt(n_in) is fine too)
        균등 / uniform:  r = sqrt(6 / (n_in + n_out))

    Returns:
        shape (n_in, n_out)
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("xavier_init")
    # ===== END TODO =====


def he_init(n_in, n_out, uniform=False):
    """He 초기화 / initialisation (ReLU): Xavier의 sqrt(2)배 / sqrt(2) times Xavier.

        정규 / normal:   sigma = sqrt(2) * sqrt(2 / (n_in + n_out))   (책 / the book: sqrt(2 / n_in))
        균등 / uniform:  r = sqrt(2) * sqrt(6 / (n_in + n_out))

    Returns:
        shape (n_in, n_out)
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("he_init")
    # ===== END TODO =====

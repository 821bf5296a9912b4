# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/Woochang4862/deep-learning-from-scratch (commit be911e341850), ch03/yeonseub6/6-2-1.py
# Source: https://github.com/Woochang4862/deep-learning-from-scratch (commit be911e341850), common/functions.py
# Licence: MIT, Copyright (c) 2016 Koki Saitoh (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the two functions in one module; the demo prints left out

import numpy as np


def mean_squared_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)

    batch_size = y.shape[0]

    if t.size != y.size: # 정수형 라벨
        one_hot = np.zeros(y.shape)
        one_hot[np.arange(batch_size), t] = 1
        t = one_hot

    return 0.5 * np.sum((y-t)**2) / batch_size


def cross_entropy_error(y, t): # 정보이론
    if y.ndim == 1: # 벡터 : 배치처리 안 했을때 / batch_size 를 구하기 위해 행렬로 만들어줌
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
        
    # 훈련 데이터가 원-핫 벡터라면 정답 레이블의 인덱스로 반환
    if t.size == y.size: # 원-핫 벡터 (batch_size)x(label_size) -> 원래 라벨 데이터 1x(batch_size) [0,2,1]
        t = t.argmax(axis=1)
             
    batch_size = y.shape[0]
    # y[np.array,np.array] == y[행번호들, 열번호들]
    # 1e-7 을 하는 이유 0에 너무 가까운 값이 들어가면 np.log의 값이 오버플로우가 나기때문에 
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size

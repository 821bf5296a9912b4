"""과제 11: 합성곱 계층과 풀링 계층 (im2col)
Assignment 11: convolution and pooling layers (im2col)

책 7장의 함수와 계층을 numpy로 직접 구현합니다. 데이터는 모두 (N, C, H, W) 순서입니다:
N = 배치 크기, C = 채널 수, H = 높이, W = 너비.
Implement the book's chapter 7 functions and layers in numpy. All data is in (N, C, H, W)
order: N = batch size, C = channels, H = height, W = width.

출력 크기 / output size:  OH = (H + 2P - FH) / S + 1,  OW = (W + 2P - FW) / S + 1
    (P = 패딩 pad, S = 스트라이드 stride, FH x FW = 필터 크기 filter size)

- 입력으로 받은 배열(x, dout)을 직접 바꾸지 마세요 / do not modify the arrays you receive.
- Convolution과 Pooling은 여러분의 im2col과 col2im을 쓰면 됩니다 (책과 같이).
  Convolution and Pooling may use your own im2col and col2im (as the book does).

테스트 실행 / run the public tests:  pytest test_cnn_layers_public.py
"""
import numpy as np


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    """합성곱(또는 풀링)의 출력 크기 / the output size of a convolution (or pooling).

        (input_size + 2 * pad - filter_size) / stride + 1

    예 / e.g. 7x7 입력, 3x3 필터 / 7x7 input, 3x3 filter:
        stride=1 -> 5,  stride=2 -> 3,  stride=3 -> 맞지 않음 / does not fit
        4x4 입력, 3x3 필터, pad=1 -> 4 / 4x4 input, 3x3 filter, pad=1 -> 4

    정수(int) 또는 그 값과 같은 실수(5.0)를 반환합니다. 스트라이드가 맞지 않으면
    (나누어떨어지지 않으면) 오류를 내거나 (raise ValueError) 내림한 크기를 반환하세요
    (Keras의 padding='valid'처럼). 둘 다 정답입니다.
    Return an int, or a float equal to it (5.0). When the stride does not fit (the division
    leaves a remainder), raise an error (raise ValueError) or return the floor (as Keras's
    padding='valid' does); both are accepted.

    Args:
        input_size (int): 입력의 높이 또는 너비 / the input's height or width
        filter_size (int): 필터의 높이 또는 너비 / the filter's height or width
        stride (int): 스트라이드 / stride
        pad (int): 패딩 (양쪽에 pad씩) / padding (pad on each side)
    Returns:
        int (또는 같은 값의 float / or a float of the same value)
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("conv_output_size")
    # ===== END TODO =====


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    """이미지 묶음을 2차원 배열로 펼침 / unfold a batch of images into a 2-D array.

    필터가 놓이는 자리(창)마다 한 행입니다. 책과 같은 순서여야 합니다 (Convolution이 이 순서에 기댑니다):
    One row per filter position (window), in the book's order (Convolution relies on it):
        행 / rows:    (n, oh, ow) 순서 / order  ->  N * OH * OW 행 / rows
        열 / columns: (c, fh, fw) 순서 / order  ->  C * FH * FW 열 / columns
    즉 / i.e.  col[(n*OH + i)*OW + j] = 패딩한 입력 / the padded input [n, :, i*S:i*S+FH, j*S:j*S+FW].reshape(-1)

    예 / e.g. (1, 3, 7, 7) 입력, 5x5 필터 -> (9, 75);  (10, 3, 7, 7) -> (90, 75)

    Args:
        input_data: shape (N, C, H, W)
        filter_h, filter_w (int): 필터의 높이와 너비 / the filter's height and width
        stride (int), pad (int): 스트라이드, 패딩 (0으로 채움) / stride, padding (with zeros)
    Returns:
        col: shape (N * OH * OW, C * FH * FW)
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("im2col")
    # ===== END TODO =====


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    """im2col의 반대 방향: 2차원 배열을 이미지 묶음으로 / im2col's way back: a 2-D array to a batch of images.

    col의 각 값을 im2col이 그 값을 가져온 입력 위치에 더합니다. 창이 겹치면 (스트라이드 < 필터)
    한 위치에 여러 값이 더해집니다. 마지막에 패딩 부분을 잘라냅니다.
    Add each value of col to the input position im2col took it from. Where windows overlap
    (stride < filter) several values add up at one position. Cut the padding away at the end.
    (역전파에서 dcol을 dx로 바꾸는 데 씁니다 / backward uses it to turn dcol into dx.)

    Args:
        col: shape (N * OH * OW, C * FH * FW)
        input_shape (tuple): 원래 입력의 shape / the original input's shape (N, C, H, W)
        filter_h, filter_w, stride, pad: im2col과 같음 / as for im2col
    Returns:
        img: shape (N, C, H, W)
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    raise NotImplementedError("col2im")
    # ===== END TODO =====


class Convolution:
    """합성곱 계층 / convolution layer.

    Shapes:
        W: (FN, C, FH, FW)  필터 FN개 / FN filters;   b: (FN,)
        x: (N, C, H, W)  ->  out: (N, FN, OH, OW)
    forward(x): col = im2col(x, ...) (N*OH*OW, C*FH*FW), col_W = W.reshape(FN, -1).T,
                out = col @ col_W + b 를 (N, OH, OW, FN)으로 바꾼 뒤 (N, FN, OH, OW)로
                / reshaped to (N, OH, OW, FN), then transposed to (N, FN, OH, OW)
    backward(dout) with dout: (N, FN, OH, OW):
        self.db = 배치와 위치에 대해 합 / summed over the batch and the positions, shape (FN,)
        self.dW = shape (FN, C, FH, FW)
        반환 / returns dx: shape (N, C, H, W)  (col2im)
    """

    def __init__(self, W, b, stride=1, pad=0):
        self.W = W
        self.b = b
        self.stride = stride
        self.pad = pad
        # 역전파에 쓸 중간 데이터 / intermediate data for backward
        self.x = None
        self.col = None
        self.col_W = None
        # 가중치와 편향의 기울기 / gradients of the weights and biases
        self.dW = None
        self.db = None

    def forward(self, x):
        """x: (N, C, H, W) -> out: (N, FN, OH, OW)"""
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("Convolution.forward")
        # ===== END TODO =====

    def backward(self, dout):
        """dout: (N, FN, OH, OW) -> dx: (N, C, H, W); sets self.dW (FN, C, FH, FW) and self.db (FN,)"""
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("Convolution.backward")
        # ===== END TODO =====


class Pooling:
    """최대 풀링 계층 / max pooling layer.

    채널마다 따로, pool_h x pool_w 창의 최댓값 / per channel, the maximum of each pool_h x pool_w window.
        x: (N, C, H, W)  ->  out: (N, C, OH, OW)
    stride의 기본값은 2입니다 / stride defaults to 2 (Pooling(2, 2): 2x2 창, 겹치지 않음 / non-overlapping).
    힌트 / hint: im2col(x, ...)을 (-1, pool_h * pool_w)로 바꾸면 한 행이 한 채널의 한 창입니다
    / reshaped to (-1, pool_h * pool_w), each row of im2col(x, ...) is one window of one channel.
    backward(dout) with dout: (N, C, OH, OW): 창마다 최댓값이었던 원소 하나에만 dout을 보냅니다
        (forward에서 np.argmax로 기억) / send dout to the one element that was its window's
        maximum (remember it with np.argmax in forward); returns dx: (N, C, H, W)
    """

    def __init__(self, pool_h, pool_w, stride=2, pad=0):
        self.pool_h = pool_h
        self.pool_w = pool_w
        self.stride = stride
        self.pad = pad
        self.x = None
        self.arg_max = None

    def forward(self, x):
        """x: (N, C, H, W) -> out: (N, C, OH, OW)"""
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("Pooling.forward")
        # ===== END TODO =====

    def backward(self, dout):
        """dout: (N, C, OH, OW) -> dx: (N, C, H, W)"""
        # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
        raise NotImplementedError("Pooling.backward")
        # ===== END TODO =====

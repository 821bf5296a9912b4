"""Hidden suite for a11_cnn_layers: output size, im2col / col2im, Convolution and Pooling.

Golden numbers from the slides' CNN deck (7x7 input, 3x3 filter: stride 1 -> 5, stride 2 -> 3,
stride 3 does not fit; 4x4 input, pad 1 -> 4x4) and the book's (28x31 input, 5x5 filter,
stride 3, pad 2 -> 10x11; a (1, 3, 7, 7) image and a 5x5 filter -> col of shape (9, 75)).

Every other expected value is computed here, in the oracle, in another way than the book's:
windows of the padded input from ``sliding_window_view`` (im2col, the convolution as an
``einsum``, max pooling as a max over each window) and col2im as ``np.add.at`` over the index
map im2col makes of the input's own positions. Backward passes are compared with the
*oracle's numerical gradient* of L = sum(forward(x) * dout), the forward being the oracle's
own: nothing the student's code returns enters an expected value, so a forward that
memoises its output or ignores a change of x cannot make a wrong gradient pass. The inputs
come from seeds in this hidden file; the student never sees them.

Decisions (docs/assignments/a11_cnn_layers.md): ``conv_output_size`` may return an int or a
float equal to it (the book's ``/``); where the stride does not fit it may raise or return the
floor (Keras's 'valid' padding, the book's ``im2col``), both full; a non-whole size (the book's
2.33 for 7, 3, stride 3) is not a size. ``im2col`` is checked in the book's exact order (rows
(N, OH, OW), columns (C, FH, FW)): its Convolution's ``W.reshape(FN, -1)`` and its Pooling's
``reshape(-1, pool_h * pool_w)`` depend on it. Pooling's ``pad`` is not graded (the book's own
Pooling ignores it in its output size, and zero padding is not what max pooling pads with).
Pooling inputs are distinct values at least 4 / size (0.007) apart, so no window has a tie and the
numerical gradient (h = 1e-5) never crosses a kink.

Threshold (grading.yml, a11_cnn_layers.params): ``grad_rel_error`` = max |g - g_num| / max |g_num|.
Convolution and max pooling are piecewise linear, so the oracle's central difference is exact
up to rounding: the reference agrees to about 1e-10 in float64, and float32 arithmetic inside a
student's layer gives about 1e-6. 1e-4 leaves room for that; a wrong gradient (a wrong
transpose, pooling's gradient spread over the window, a missing accumulation) is off by 0.3 or more.

Time: the reference takes about 0.3 s of the oracle's time (the numerical gradients are most
of it); the assignment's limits are the defaults (5 s a call, 60 s the suite).
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from grader.messages import msg
from grader.oracle.checks import Hint, as_array, check_close, check_shape, fail, hints
from grader.sandbox.proxy import SandboxError, StudentError


def rng(seed):
    return np.random.default_rng(1100 + seed)


# ----------------------------------------------------------------- the oracle's own layers
def windows(x, fh, fw, stride, pad):
    """(N, C, OH, OW, FH, FW): every filter position's window of the zero-padded input."""
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    return sliding_window_view(xp, (fh, fw), axis=(2, 3))[:, :, ::stride, ::stride]


def oracle_im2col(x, fh, fw, stride, pad):
    v = windows(x, fh, fw, stride, pad)
    n, c, oh, ow = v.shape[:4]
    return v.transpose(0, 2, 3, 1, 4, 5).reshape(n * oh * ow, c * fh * fw)


def oracle_col2im(col, shape, fh, fw, stride, pad):
    """The adjoint of im2col: each col entry added to the input position it was copied from."""
    n, c, h, w = shape
    where = np.arange(n * c * (h + 2 * pad) * (w + 2 * pad)).reshape(n, c, h + 2 * pad, w + 2 * pad)
    index = oracle_im2col(where, fh, fw, stride, 0)
    img = np.zeros(where.size)
    np.add.at(img, index.ravel(), np.asarray(col, dtype=float).ravel())
    return img.reshape(where.shape)[:, :, pad:pad + h, pad:pad + w]


def oracle_conv(x, W, b, stride, pad):
    v = windows(x, W.shape[2], W.shape[3], stride, pad)
    return np.einsum("nchwij,fcij->nfhw", v, W) + b[None, :, None, None]


def oracle_pool(x, ph, pw, stride):
    return windows(x, ph, pw, stride, 0).max(axis=(4, 5))


def numerical_gradient(loss, array, h=1e-5):
    """Central differences of ``loss()`` with respect to ``array``, changed in place and restored."""
    grad = np.zeros_like(array)
    for idx in np.ndindex(array.shape):
        old = array[idx]
        array[idx] = old + h
        up = loss()
        array[idx] = old - h
        down = loss()
        array[idx] = old
        grad[idx] = (up - down) / (2 * h)
    return grad


def compare_grad(got, want, threshold, label):
    g = as_array(got, label)
    check_shape(g, want.shape, label)
    err = float(np.max(np.abs(g.astype(np.float64) - want)) / max(float(np.max(np.abs(want))), 1e-12))
    if not err <= threshold:
        fail(f"{label}: 채점기가 계산한 수치 미분 기울기와의 상대 오차가 {err:.3g}입니다 (허용 {threshold:g}).",
             f"{label}: relative error {err:.3g} against the numerical gradient the grader computed "
             f"(allowed {threshold:g}).")


def distinct(shape, seed):
    """Values in [-2, 2) at least 4 / size apart, shuffled: no ties inside a pooling window."""
    size = int(np.prod(shape))
    return ((rng(seed).permutation(size) - size / 2) * (4.0 / size)).reshape(shape)


# ----------------------------------------------------------------- conv_output_size
def size_of(got, label):
    """An int, or a float equal to one (the book's ``/``): both are the size."""
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, float, np.integer, np.floating)):
        fail(f"{label}: 숫자 하나를 반환해야 하는데 {type(got).__name__}을(를) 반환했습니다.",
             f"{label}: expected one number, got a value of type {type(got).__name__}.")
    return float(got)


def check_size(submission, args, want, label=None, show=True):
    label = label or f"conv_output_size{args}"
    got = size_of(submission.cnn_layers.conv_output_size(*args), label)
    if got != want:
        if show:
            fail(f"{label}: 기대값 {want}, 실제 반환값 {got:g}.", f"{label}: expected {want}, got {got:g}.")
        fail(f"{label}: 반환값 {got:g}이(가) 출력 크기 (H + 2P - FH) / S + 1과 다릅니다.",
             f"{label}: got {got:g}, which is not the output size (H + 2P - FH) / S + 1.")


def hidden_sizes(seed, pads):
    """(input_size, filter_size, stride, pad) cases that fit, and their output size: with the published
    numbers, so that a table of the slides' examples earns nothing."""
    g, cases = rng(seed), []
    for pad in pads:
        for _ in range(4):
            fh, stride, out = int(g.integers(1, 6)), int(g.integers(1, 4)), int(g.integers(1, 9))
            size = (out - 1) * stride + fh - 2 * pad
            while size < 1:
                out += 1
                size += stride
            cases.append(((size, fh, stride, pad), out))
    return cases


def test_conv_output_size_slides_stride(submission):
    """출력 크기: 슬라이드 예제 7x7 입력, 3x3 필터, 스트라이드 1 -> 5, 2 -> 3 (그리고 다른 스트라이드)
    output size: the slides' 7x7 input, 3x3 filter, stride 1 -> 5 and stride 2 -> 3 (and other strides)"""
    check_size(submission, (7, 3, 1, 0), 5)
    check_size(submission, (7, 3, 2, 0), 3)
    for args, out in hidden_sizes(0, pads=(0, 0)):
        check_size(submission, args, out, show=False)


def test_conv_output_size_slides_padding(submission):
    """출력 크기: 패딩 2P (4x4 입력, 패딩 1 -> 4x4; 책의 28x31, 5x5, 스트라이드 3, 패딩 2 -> 10x11)
    output size: padding counts twice (4x4 input, pad 1 -> 4x4; the book's 28x31, 5x5, stride 3, pad 2 -> 10x11)"""
    check_size(submission, (4, 3, 1, 1), 4)
    check_size(submission, (28, 5, 3, 2), 10)
    check_size(submission, (31, 5, 3, 2), 11)
    for args, out in hidden_sizes(1, pads=(1, 2, 3)):
        check_size(submission, args, out, show=False)


def test_conv_output_size_stride_does_not_fit(submission):
    """출력 크기: 스트라이드가 맞지 않으면 (7x7, 3x3, 스트라이드 3) 오류 또는 내림
    output size: a stride that does not fit (7x7, 3x3, stride 3) raises, or gives the floor"""
    # A function that always raises, or knows the published numbers only, decides nothing.
    check_size(submission, (7, 3, 1, 0), 5)
    check_size(submission, (7, 3, 2, 0), 3)
    for args, out in hidden_sizes(2, pads=(0, 0)):
        check_size(submission, args, out, show=False)
    for args, floor in (((7, 3, 3, 0), 2), ((8, 3, 2, 0), 3)):
        label = f"conv_output_size{args}"
        try:
            raw = submission.cnn_layers.conv_output_size(*args)
        except StudentError as exc:
            if exc.kind == "exception":
                continue  # an error: the slides' "does not fit"
            raise
        except SandboxError:
            raise  # a crash or a timeout is no decision
        except Exception:  # noqa: BLE001 - the --grader-inprocess baseline raises the student's own exception
            continue
        got = size_of(raw, label)
        if got != floor:
            fail(f"{label}: 스트라이드가 맞지 않습니다. 오류를 내거나 (raise ValueError) 내림한 크기 {floor}를 "
                 f"반환하세요 (Keras의 'valid'처럼). 반환값: {got:g}.",
                 f"{label}: the stride does not fit. Raise an error (e.g. ValueError) or return the floor, {floor} "
                 f"(as Keras's 'valid' padding does); got {got:g}.")


# ----------------------------------------------------------------- im2col / col2im
def order_hint(got, want) -> Hint:
    """Shown when im2col's values are those of the book's col, in another order (a wrong transpose)."""
    def holds() -> bool:
        g = np.asarray(got, dtype=float)
        return g.shape == want.shape and not np.allclose(g, want) and \
            bool(np.allclose(np.sort(g, axis=None), np.sort(want, axis=None)))
    return Hint(msg(" 힌트: 값은 맞지만 순서가 다릅니다. 행은 (N, OH, OW), 열은 (C, FH, FW) 순서입니다: "
                    "col.transpose(0, 4, 5, 1, 2, 3).reshape(N*out_h*out_w, -1)",
                    " Hint: the values are right but in another order. Rows go (N, OH, OW), columns (C, FH, FW): "
                    "col.transpose(0, 4, 5, 1, 2, 3).reshape(N*out_h*out_w, -1)"), holds)


def check_im2col(submission, x, fh, fw, stride, pad):
    label = f"im2col(x of shape {x.shape}, {fh}, {fw}, stride={stride}, pad={pad})"
    want = oracle_im2col(x, fh, fw, stride, pad)
    got = as_array(submission.cnn_layers.im2col(x, fh, fw, stride, pad), label)
    with hints(order_hint(got, want)):
        check_close(got, want, label)


def test_im2col_book_example(submission):
    """im2col: 책의 예 (1, 3, 7, 7)과 (10, 3, 7, 7), 5x5 필터 -> (9, 75), (90, 75)
    im2col: the book's (1, 3, 7, 7) and (10, 3, 7, 7) with a 5x5 filter -> (9, 75), (90, 75)"""
    check_im2col(submission, rng(10).normal(size=(1, 3, 7, 7)), 5, 5, 1, 0)
    check_im2col(submission, rng(11).normal(size=(10, 3, 7, 7)), 5, 5, 1, 0)


def test_im2col_stride_and_pad(submission):
    """im2col: 스트라이드 2, 패딩 1, 직사각형 필터
    im2col: stride 2, pad 1 and a rectangular filter"""
    check_im2col(submission, rng(12).normal(size=(2, 3, 5, 7)), 3, 3, 2, 1)
    check_im2col(submission, rng(13).normal(size=(2, 2, 6, 5)), 2, 3, 1, 1)


def check_col2im(submission, shape, fh, fw, stride, pad, seed):
    n, c, h, w = shape
    oh, ow = (h + 2 * pad - fh) // stride + 1, (w + 2 * pad - fw) // stride + 1
    col = rng(seed).normal(size=(n * oh * ow, c * fh * fw))
    label = f"col2im(col, input_shape={shape}, {fh}, {fw}, stride={stride}, pad={pad})"
    check_close(submission.cnn_layers.col2im(col, shape, fh, fw, stride, pad),
                oracle_col2im(col, shape, fh, fw, stride, pad), label)


def test_col2im_sums_overlaps(submission):
    """col2im: 겹치는 곳은 더함 (스트라이드 1)
    col2im: overlapping windows add up (stride 1)"""
    check_col2im(submission, (2, 3, 5, 5), 3, 3, 1, 0, 20)


def test_col2im_stride_and_pad(submission):
    """col2im: 스트라이드 2, 패딩 1 (패딩 부분은 잘라냄)
    col2im: stride 2, pad 1 (the padding is cut away)"""
    check_col2im(submission, (2, 2, 5, 7), 3, 3, 2, 1, 21)
    check_col2im(submission, (1, 3, 6, 6), 2, 2, 2, 0, 22)


# ----------------------------------------------------------------- Convolution
def conv_case(seed, n=2, c=3, h=5, w=6, fn=4, fh=3, fw=3):
    g = rng(seed)
    return g.normal(size=(n, c, h, w)), g.normal(size=(fn, c, fh, fw)), g.normal(size=fn)


def test_convolution_forward(submission):
    """Convolution: 순전파 (스트라이드 1, 패딩 0)
    Convolution: forward (stride 1, pad 0)"""
    x, W, b = conv_case(30)
    check_close(submission.cnn_layers.Convolution(W, b, 1, 0).forward(x), oracle_conv(x, W, b, 1, 0),
                "Convolution(W of shape (4, 3, 3, 3), b, 1, 0).forward(x of shape (2, 3, 5, 6))")


def test_convolution_forward_stride_and_pad(submission):
    """Convolution: 순전파 (스트라이드 2, 패딩 1)
    Convolution: forward (stride 2, pad 1)"""
    x, W, b = conv_case(31, h=7, w=5)
    check_close(submission.cnn_layers.Convolution(W, b, 2, 1).forward(x), oracle_conv(x, W, b, 2, 1),
                "Convolution(W of shape (4, 3, 3, 3), b, 2, 1).forward(x of shape (2, 3, 7, 5))")


def conv_backward(submission, seed, stride, pad, h=5, w=6):
    """The student's layer after forward(x) and backward(dout), and the oracle's numerical gradients."""
    x, W, b = conv_case(seed, h=h, w=w)
    out = oracle_conv(x, W, b, stride, pad)
    dout = rng(seed + 1).normal(size=out.shape)
    layer = submission.cnn_layers.Convolution(W, b, stride, pad)
    layer.forward(x)
    dx = layer.backward(dout)

    def loss():
        return float(np.sum(oracle_conv(x, W, b, stride, pad) * dout))
    return layer, dx, {"x": numerical_gradient(loss, x), "W": numerical_gradient(loss, W), "b": dout.sum(axis=(0, 2, 3))}


def test_convolution_backward_dx(submission, grading_params):
    """Convolution: 역전파 dx가 수치 미분과 일치 (col2im)
    Convolution: backward's dx agrees with the numerical gradient (col2im)"""
    _, dx, want = conv_backward(submission, 40, 1, 0)
    compare_grad(dx, want["x"], grading_params["grad_rel_error"], "Convolution.backward(dout) (dx)")


def test_convolution_backward_dW(submission, grading_params):
    """Convolution: 역전파 후 dW가 수치 미분과 일치, shape (FN, C, FH, FW)
    Convolution: dW after backward agrees with the numerical gradient, shape (FN, C, FH, FW)"""
    layer, _, want = conv_backward(submission, 42, 1, 0)
    compare_grad(layer.dW, want["W"], grading_params["grad_rel_error"], "Convolution.dW after backward")


def not_summed_hint(db, dout_sums) -> Hint:
    """Shown when db holds one row per image of the batch (summed over positions, not over the batch)."""
    def holds() -> bool:
        d = np.asarray(db, dtype=float)
        return d.shape == dout_sums.shape and bool(np.allclose(d, dout_sums))
    return Hint(msg(" 힌트: db는 배치와 위치 모두에 대해 합합니다: np.sum(dout, axis=(0, 2, 3)), shape (FN,)",
                    " Hint: sum db over the batch and the positions: np.sum(dout, axis=(0, 2, 3)), shape (FN,)"),
                holds)


def test_convolution_db_summed_over_batch(submission):
    """Convolution: db는 배치와 위치에 대해 합, shape (FN,)
    Convolution: db is summed over the batch and the positions, shape (FN,)"""
    x, W, b = conv_case(44)
    dout = rng(45).normal(size=oracle_conv(x, W, b, 1, 1).shape)
    layer = submission.cnn_layers.Convolution(W, b, 1, 1)
    layer.forward(x)
    layer.backward(dout)
    db = as_array(layer.db, "Convolution.db")
    with hints(not_summed_hint(db, dout.sum(axis=(2, 3)))):
        check_close(db, dout.sum(axis=(0, 2, 3)), "Convolution.db after backward")


def test_convolution_backward_stride_and_pad(submission, grading_params):
    """Convolution: 스트라이드 2, 패딩 1에서 역전파 dx, dW
    Convolution: backward's dx and dW with stride 2, pad 1"""
    layer, dx, want = conv_backward(submission, 46, 2, 1, h=7, w=5)
    compare_grad(dx, want["x"], grading_params["grad_rel_error"], "Convolution(W, b, 2, 1).backward(dout) (dx)")
    compare_grad(layer.dW, want["W"], grading_params["grad_rel_error"], "Convolution(W, b, 2, 1).dW after backward")


# ----------------------------------------------------------------- Pooling
def test_pooling_forward(submission):
    """Pooling: 2x2 최대 풀링, 스트라이드 2
    Pooling: 2x2 max pooling with stride 2"""
    x = distinct((2, 3, 4, 6), 50)
    check_close(submission.cnn_layers.Pooling(2, 2, 2).forward(x), oracle_pool(x, 2, 2, 2),
                "Pooling(2, 2, 2).forward(x of shape (2, 3, 4, 6))")


def test_pooling_default_stride(submission):
    """Pooling: stride의 기본값은 2 (Pooling(2, 2))
    Pooling: stride defaults to 2 (Pooling(2, 2))"""
    x = distinct((1, 2, 6, 4), 51)
    check_close(submission.cnn_layers.Pooling(2, 2).forward(x), oracle_pool(x, 2, 2, 2),
                "Pooling(2, 2).forward(x of shape (1, 2, 6, 4)) (stride=2 by default)")


def test_pooling_forward_overlapping(submission):
    """Pooling: 겹치는 창 (3x3, 스트라이드 2)과 직사각형 창 (3x2, 스트라이드 1)
    Pooling: overlapping windows (3x3, stride 2) and a rectangular one (3x2, stride 1)"""
    x = distinct((2, 2, 5, 7), 52)
    check_close(submission.cnn_layers.Pooling(3, 3, 2).forward(x), oracle_pool(x, 3, 3, 2),
                "Pooling(3, 3, 2).forward(x of shape (2, 2, 5, 7))")
    check_close(submission.cnn_layers.Pooling(3, 2, 1).forward(x), oracle_pool(x, 3, 2, 1),
                "Pooling(3, 2, 1).forward(x of shape (2, 2, 5, 7))")


def pool_backward(submission, shape, ph, pw, stride, seed, threshold):
    x = distinct(shape, seed)
    dout = rng(seed + 1).normal(size=oracle_pool(x, ph, pw, stride).shape)
    layer = submission.cnn_layers.Pooling(ph, pw, stride)
    layer.forward(x)
    dx = layer.backward(dout)
    want = numerical_gradient(lambda: float(np.sum(oracle_pool(x, ph, pw, stride) * dout)), x)
    spread = Hint(msg(" 힌트: 기울기는 창마다 최댓값이었던 원소 하나에만 갑니다 (arg_max).",
                      " Hint: the gradient goes to the one element of each window that was its maximum (arg_max)."),
                  lambda: _spread_to_window(dx, dout, shape, ph, pw, stride))
    with hints(spread):
        compare_grad(dx, want, threshold, f"Pooling({ph}, {pw}, {stride}).backward(dout) (dx)")


def _spread_to_window(dx, dout, shape, ph, pw, stride) -> bool:
    """dout sent to every element of its window, in full or averaged (no arg_max mask)."""
    d = np.asarray(dx, dtype=float)
    n, c, oh, ow = dout.shape
    col = np.broadcast_to(dout.transpose(0, 2, 3, 1)[..., None, None], (n, oh, ow, c, ph, pw)).reshape(n * oh * ow, -1)
    every = oracle_col2im(col, shape, ph, pw, stride, 0)
    return d.shape == every.shape and bool(np.allclose(d, every) or np.allclose(d, every / (ph * pw)))


# Backward shapes keep N, OH, OW and C apart (dout.transpose(0, 2, 3, 1) is (N, OH, OW, C)), so a
# reshape that mixes two of them cannot pass by chance.
def test_pooling_backward(submission, grading_params):
    """Pooling: 역전파는 창의 최댓값 원소에만 (2x2, 스트라이드 2)
    Pooling: backward sends each gradient to its window's maximum only (2x2, stride 2)"""
    pool_backward(submission, (3, 2, 4, 10), 2, 2, 2, 60, grading_params["grad_rel_error"])


def test_pooling_backward_overlapping(submission, grading_params):
    """Pooling: 겹치는 창의 역전파 (3x3, 스트라이드 2): 두 창의 최댓값이면 기울기를 더함
    Pooling: backward with overlapping windows (3x3, stride 2): a maximum of two windows gets both gradients"""
    pool_backward(submission, (4, 3, 5, 9), 3, 3, 2, 62, grading_params["grad_rel_error"])

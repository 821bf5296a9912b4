"""Hidden suite for a10_optimizers, part 3: Dropout and BatchNormalization (regularization.py).

Dropout draws its mask with ``np.random`` after ``np.random.seed`` with seeds from this hidden
file. Both of the course's forms are full marks: the book's (keep x where the mask is on, multiply
by 1 - ratio at test time) and inverted dropout (divide the kept values by 1 - ratio while
training, the identity at test time). The suite reads the form from the training output (every kept
value is x times one scale, 1 or 1 / (1 - ratio)) and then asks the test-time output and the
backward pass to agree with it: test output = x * scale * (1 - ratio), dx = dout * out / x.

Tolerances: the share of dropped values in 20000 is within 0.02 of the ratio (the standard error
is at most 0.0036, so 5.6 of them, chance failure below 1e-7).

BatchNormalization is checked on (N, D) batches against the oracle's own normalisation; its
backward against the oracle's numerical gradient (central differences, h = 1e-5) of
L = sum(bn(x) * dout), the forward being the oracle's, and dgamma, dbeta against the oracle's
sums. Epsilon: the book adds 10e-7 to the variance; every feature's variance here is at least 0.5,
so an epsilon up to 1e-5 moves the output by under 1e-5 of its size: ``rtol`` 1e-4 accepts those and
refuses Keras's 1e-3. The running variance is the batch's own (divided by N, as the book).

Threshold (grading.yml, a10_optimizers.params): ``grad_rel_error`` = max |g - g_num| / max |g_num|:
the reference agrees to about 1e-9; leaving out BatchNorm's mean terms is off by 0.3 or more.

Time: under 0.05 s in process for this file's tests; default limits (5 s a call, 60 s the suite).
"""
import numpy as np

from grader.messages import msg
from grader.oracle.checks import Hint, as_array, check_close, check_shape, fail, hints

EPS = 1e-6
BN_RTOL = 1e-4


def rng(seed):
    return np.random.default_rng(1010 + seed)


# ----------------------------------------------------------------- Dropout
def nonzero(shape, seed):
    g = rng(seed)
    return g.choice((-1.0, 1.0), size=shape) * g.uniform(0.5, 2.0, size=shape)


def dropout_train(submission, layer, x, ratio, seed, label):
    """The training output and its scale (1 or 1 / (1 - ratio)); fails unless it is a dropout of x."""
    submission.seed(seed)
    out = as_array(layer.forward(x), f"{label}.forward(x)").astype(np.float64)
    check_shape(out, x.shape, f"{label}.forward(x)")
    kept = out != 0
    dropped = 1 - float(kept.mean())
    scales = out[kept] / x[kept]
    scale = float(np.median(scales)) if scales.size else 0.0
    accepted = [s for s in (1.0, 1.0 / (1.0 - ratio)) if abs(scale - s) <= 1e-6 * s]
    if not accepted or not np.allclose(scales, accepted[0], rtol=1e-6, atol=0):
        fail(f"{label}.forward(x): 학습 때 출력은 원소마다 0이거나 x (책) 또는 x / (1 - dropout_ratio) (역 드롭아웃)여야 합니다.",
             f"{label}.forward(x): while training each value must be 0 or x (the book) or x / (1 - dropout_ratio) "
             "(inverted dropout).")
    if abs(dropped - ratio) > 0.02:
        fail(f"{label}.forward(x): 값의 {dropped:.1%}를 0으로 만들었습니다. 비율은 dropout_ratio = {ratio}여야 합니다.",
             f"{label}.forward(x): dropped {dropped:.1%} of the values; the share must be dropout_ratio = {ratio}.")
    return out, accepted[0]


def test_dropout_train_forward(submission):
    """Dropout: 학습 때 dropout_ratio만큼 0으로 (기본값 0.5), 호출마다 새 마스크
    Dropout: while training, a share dropout_ratio of the values set to 0 (0.5 by default), a new mask on every call"""
    x = nonzero((200, 100), 0)
    layer = submission.regularization.Dropout(dropout_ratio=0.3)
    first, _ = dropout_train(submission, layer, x, 0.3, 100, "Dropout(dropout_ratio=0.3)")
    second = as_array(layer.forward(x, train_flg=True), "Dropout(dropout_ratio=0.3).forward(x, train_flg=True)")
    if np.array_equal((np.asarray(second) != 0), first != 0):
        fail("Dropout.forward(x): 두 번째 호출이 같은 마스크를 썼습니다. 호출할 때마다 np.random으로 새 마스크를 만드세요.",
             "Dropout.forward(x): a second call used the same mask. Draw a new mask with np.random on every call.")
    dropout_train(submission, submission.regularization.Dropout(), nonzero((200, 100), 1), 0.5, 101, "Dropout()")


def test_dropout_test_forward(submission):
    """Dropout: 시험 때는 버리지 않음, 학습 때의 기댓값과 같게 (책: x * (1 - ratio), 역 드롭아웃: x)
    Dropout: nothing dropped at test time, the training output's expected value (book: x * (1 - ratio); inverted: x)"""
    x = nonzero((200, 100), 2)
    layer = submission.regularization.Dropout(dropout_ratio=0.4)
    _, scale = dropout_train(submission, layer, x, 0.4, 102, "Dropout(dropout_ratio=0.4)")
    got = as_array(layer.forward(x, train_flg=False), "Dropout(dropout_ratio=0.4).forward(x, train_flg=False)")
    zeros = Hint(msg(" 힌트: 시험 때(train_flg=False)는 아무것도 버리지 않습니다.",
                     " Hint: nothing is dropped at test time (train_flg=False)."),
                 lambda: bool(np.any(np.asarray(got) == 0)))
    with hints(zeros):
        check_close(got, x * scale * (1 - 0.4), "Dropout(dropout_ratio=0.4).forward(x, train_flg=False)")


def test_dropout_backward_uses_mask(submission):
    """Dropout: 역전파는 순전파의 마스크를 씀 (dx = dout * mask, 역 드롭아웃이면 / (1 - ratio)도)
    Dropout: backward uses the forward pass's mask (dx = dout * mask, and / (1 - ratio) for inverted dropout)"""
    x, dout = nonzero((100, 50), 3), rng(4).normal(size=(100, 50))
    layer = submission.regularization.Dropout(dropout_ratio=0.5)
    out, _ = dropout_train(submission, layer, x, 0.5, 103, "Dropout(dropout_ratio=0.5)")
    dx = as_array(layer.backward(dout), "Dropout.backward(dout)")
    ignores = Hint(msg(" 힌트: 순전파에서 버린 원소의 기울기는 0입니다 (dout * self.mask).",
                       " Hint: the elements dropped in forward get no gradient (dout * self.mask)."),
                   lambda: bool(np.allclose(np.asarray(dx, dtype=float), dout)))
    with hints(ignores):
        check_close(dx, dout * out / x, "Dropout.backward(dout)")


# ----------------------------------------------------------------- BatchNormalization
def bn_case(seed, n=16, d=5):
    """x with features of different means and spreads (each batch variance at least 0.5), gamma, beta."""
    g = rng(seed)
    x = g.normal(size=(n, d)) * g.uniform(1.0, 3.0, size=d) + g.uniform(-3.0, 3.0, size=d)
    assert x.var(axis=0).min() >= 0.5
    return x, g.uniform(0.5, 2.0, size=d), g.normal(size=d)


def oracle_bn(x, gamma, beta, mean=None, var=None):
    """Training mode (the batch's mean and variance) unless mean and var are given (test mode)."""
    mean = x.mean(axis=0) if mean is None else mean
    var = ((x - x.mean(axis=0)) ** 2).mean(axis=0) if var is None else var
    return gamma * (x - mean) / np.sqrt(var + EPS) + beta


def numerical_gradient(loss, array, h=1e-5):
    """Central differences of ``loss()`` with respect to ``array``, changed in place and restored."""
    grad = np.zeros_like(array)
    for idx in np.ndindex(array.shape):
        old = array[idx]
        array[idx] = old + h
        up = loss()
        array[idx] = old - h
        grad[idx] = (up - loss()) / (2 * h)
        array[idx] = old
    return grad


def test_batchnorm_train_forward(submission):
    """BatchNormalization: 학습 때 특징마다 배치의 평균 0, 분산 1로 정규화한 뒤 gamma * xn + beta
    BatchNormalization: while training, each feature normalised with the batch's mean and variance, then gamma * xn + beta"""
    x, gamma, beta = bn_case(10)
    got = submission.regularization.BatchNormalization(gamma, beta).forward(x)
    check_close(got, oracle_bn(x, gamma, beta), "BatchNormalization(gamma, beta).forward(x of shape (16, 5))",
                rtol=BN_RTOL, atol=1e-6)


def test_batchnorm_running_averages(submission):
    """BatchNormalization: 이동 평균 running_mean, running_var (momentum)로 시험 때 정규화
    BatchNormalization: running_mean and running_var (with momentum) used at test time"""
    (x1, gamma, beta), (x2, _, _), (x3, _, _) = bn_case(20), bn_case(21), bn_case(22)
    mean, var = rng(23).normal(size=5), rng(24).uniform(0.5, 2.0, size=5)
    layer = submission.regularization.BatchNormalization(gamma, beta, momentum=0.8, running_mean=mean.copy(),
                                                         running_var=var.copy())
    label = "BatchNormalization(gamma, beta, momentum=0.8, running_mean, running_var)"
    for x in (x1, x2):
        check_close(layer.forward(x), oracle_bn(x, gamma, beta), f"{label}.forward(x)", rtol=BN_RTOL, atol=1e-6)
        mean, var = 0.8 * mean + 0.2 * x.mean(axis=0), 0.8 * var + 0.2 * x.var(axis=0)
    for _ in range(2):  # the test mode changes nothing
        check_close(layer.forward(x3, train_flg=False), oracle_bn(x3, gamma, beta, mean, var),
                    f"{label}: two forward(x) then forward(x, train_flg=False)", rtol=BN_RTOL, atol=1e-6)
    fresh = submission.regularization.BatchNormalization(gamma, beta)  # running averages start at 0
    check_close(fresh.forward(x1), oracle_bn(x1, gamma, beta), "BatchNormalization(gamma, beta).forward(x)",
                rtol=BN_RTOL, atol=1e-6)
    check_close(fresh.forward(x3, train_flg=False), oracle_bn(x3, gamma, beta, 0.1 * x1.mean(axis=0), 0.1 * x1.var(axis=0)),
                "BatchNormalization(gamma, beta): forward(x) then forward(x, train_flg=False) (running averages "
                "start at 0, momentum=0.9)", rtol=BN_RTOL, atol=1e-6)


def bn_backward(submission, seed):
    x, gamma, beta = bn_case(seed)
    dout = rng(seed + 1).normal(size=x.shape)
    layer = submission.regularization.BatchNormalization(gamma, beta)
    check_close(layer.forward(x), oracle_bn(x, gamma, beta), "BatchNormalization(gamma, beta).forward(x)",
                rtol=BN_RTOL, atol=1e-6)
    dx = as_array(layer.backward(dout), "BatchNormalization.backward(dout)")
    return layer, dx, x, gamma, beta, dout


def test_batchnorm_backward_dx(submission, grading_params):
    """BatchNormalization: 역전파 dx가 수치 미분과 일치 (평균과 분산을 거치는 항 포함)
    BatchNormalization: backward's dx agrees with the numerical gradient (the terms through the mean and variance too)"""
    _, dx, x, gamma, beta, dout = bn_backward(submission, 30)
    want = numerical_gradient(lambda: float(np.sum(oracle_bn(x, gamma, beta) * dout)), x)
    check_shape(dx, want.shape, "BatchNormalization.backward(dout)")
    err = float(np.max(np.abs(dx.astype(np.float64) - want)) / np.max(np.abs(want)))
    direct = Hint(msg(" 힌트: x는 배치의 평균과 분산에도 들어가므로 그 항들도 미분해야 합니다 (gamma * dout / std만으로는 부족합니다).",
                      " Hint: x also enters the batch mean and variance, so their terms belong in dx too (gamma * dout / std "
                      "alone is not enough)."),
                  lambda: bool(np.allclose(dx, gamma * dout / np.sqrt(x.var(axis=0) + EPS), rtol=1e-3)))
    threshold = grading_params["grad_rel_error"]
    if not err <= threshold:
        with hints(direct):
            fail(f"BatchNormalization.backward(dout): 채점기가 계산한 수치 미분 기울기와의 상대 오차가 {err:.3g}입니다 "
                 f"(허용 {threshold:g}).",
                 f"BatchNormalization.backward(dout): relative error {err:.3g} against the numerical gradient the grader "
                 f"computed (allowed {threshold:g}).")


def test_batchnorm_dgamma_dbeta(submission):
    """BatchNormalization: 역전파 후 dgamma = sum(xn * dout), dbeta = sum(dout) (배치에 대해 합)
    BatchNormalization: after backward, dgamma = sum(xn * dout) and dbeta = sum(dout) (over the batch)"""
    layer, _, x, _gamma, _beta, dout = bn_backward(submission, 40)
    xn = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + EPS)
    check_close(layer.dgamma, np.sum(xn * dout, axis=0), "BatchNormalization.dgamma after backward", rtol=BN_RTOL, atol=1e-6)
    check_close(layer.dbeta, dout.sum(axis=0), "BatchNormalization.dbeta after backward", rtol=BN_RTOL, atol=1e-6)

"""Hidden suite for a03_losses.

Golden numbers from the slides (MSE 0.0975 / 0.5975, CEE 0.51, the 0.74 mean of
the three-sample example) plus seeded random batches compared with the reference.
"""
import numpy as np
import pytest

import losses as ref
from grader.oracle.checks import Hint, as_array, check_close, check_finite, fail, hints
from grader.messages import msg

T = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
Y_GOOD = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
T_WRONG = np.array([0, 0, 0, 0, 0, 0, 0, 1, 0, 0])


def softmax_rows(shape, seed):
    a = np.random.default_rng(seed).normal(0, 2, size=shape)
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def labels(n, c, seed):
    return np.random.default_rng(seed).integers(0, c, size=n)


def one_hot(t, c):
    return np.eye(c)[t]


def _cee(submission, y, t) -> float:
    return float(np.asarray(submission.losses.cross_entropy_error(y, t), dtype=float).reshape(()))


def _cee_ok(submission, y, t) -> bool:
    return bool(np.isclose(_cee(submission, y, t), ref.cross_entropy_error(y, t), rtol=1e-6))


Y3 = np.array([[0.1, 0.3, 0.6], [0.2, 0.6, 0.2], [0.3, 0.4, 0.3]])
T3 = np.array([[0, 0, 1], [0, 1, 0], [1, 0, 0]])


def delta_hint(submission) -> Hint:
    """Shown when the value is right without zeros but not finite once y is 0 at the answer."""
    def holds() -> bool:
        zero = _cee(submission, np.array([[0.0, 0.5, 0.5]]), np.array([[1, 0, 0]]))
        return _cee_ok(submission, Y3, T3) and not np.isfinite(zero)
    return Hint(msg(" 힌트: log(0)을 피하려면 delta = 1e-7을 더하세요: np.log(y + 1e-7).",
                    " Hint: add delta = 1e-7 so that log(0) cannot happen: np.log(y + 1e-7)."), holds)


def batch_hint(submission) -> Hint:
    """Shown when a batch's value is N times the mean (summed, not averaged)."""
    def holds() -> bool:
        return bool(np.isclose(_cee(submission, Y3, T3), 3 * ref.cross_entropy_error(Y3, T3), rtol=1e-6))
    return Hint(msg(" 힌트: 배치 크기 N으로 나눠 평균을 내세요.", " Hint: divide by the batch size N (the mean over the batch)."),
                holds)


def label_hint(submission) -> Hint:
    """Shown when one-hot targets work for a batch but class indices do not."""
    def holds() -> bool:
        y = softmax_rows((4, 10), 90)
        t = labels(4, 10, 91)
        return _cee_ok(submission, y, one_hot(t, 10)) and not _try(lambda: _cee_ok(submission, y, t))
    return Hint(msg(" 힌트: t가 정답 번호이면 y[np.arange(N), t]를 쓰세요.",
                    " Hint: when t holds class indices, use y[np.arange(N), t]."), holds)


def single_hint(submission) -> Hint:
    """Shown when batches work but a single 1-D y does not (not reshaped to (1, size))."""
    def holds() -> bool:
        y = softmax_rows((2, 10), 92)
        single = softmax_rows((10,), 93)
        return _cee_ok(submission, y, one_hot(np.array([1, 2]), 10)) and \
            not _try(lambda: _cee_ok(submission, single, one_hot(3, 10)))
    return Hint(msg(" 힌트: y가 1차원이면 y.reshape(1, y.size), t.reshape(1, t.size)로 배치 하나로 만드세요.",
                    " Hint: when y is 1-D, make it a batch of one: y.reshape(1, y.size), t.reshape(1, t.size)."), holds)


def int_target_hint(submission) -> Hint:
    """Shown when t = np.array(3) works but the plain Python int 3 does not."""
    def holds() -> bool:
        y = softmax_rows((10,), 500)
        return _cee_ok(submission, y, np.array(3)) and not _try(lambda: _cee_ok(submission, y, 3))
    return Hint(msg(" 힌트: t가 파이썬 int일 수도 있습니다: np.asarray(t)로 바꾼 뒤 쓰세요.",
                    " Hint: t may be a plain Python int: convert it with np.asarray(t) first."), holds)


def _try(probe) -> bool:
    try:
        return bool(probe())
    except Exception:  # noqa: BLE001 - the student's code raising is an answer too
        return False


def scalar(got, label):
    arr = as_array(got, label)
    if arr.size != 1:
        fail(f"{label}: 스칼라 하나를 반환해야 하는데 shape {arr.shape}의 배열을 반환했습니다. np.sum으로 더하세요.",
             f"{label}: expected a single number, got an array of shape {arr.shape}. Sum it with np.sum.")
    return arr.reshape(())


# ----------------------------------------------------------------- mean squared error
def test_mse_course_examples(submission):
    """평균 제곱 오차: 강의 예제 0.0975와 0.5975
    mean squared error: the lecture's 0.0975 and 0.5975"""
    f = submission.losses.mean_squared_error
    check_close(scalar(f(Y_GOOD, T), "mean_squared_error(y, t)"), 0.0975,
                "mean_squared_error(y, t), t = class 2", show_expected=True)
    check_close(scalar(f(Y_GOOD, T_WRONG), "mean_squared_error(y, t)"), 0.5975,
                "mean_squared_error(y, t), t = class 7", show_expected=True)


def test_mse_random(submission):
    """평균 제곱 오차: 임의의 벡터와 배치
    mean squared error: random vectors and batches"""
    for i, shape in enumerate([(10,), (4, 10)]):
        y = softmax_rows(shape, 100 + i)
        t = one_hot(labels(int(np.prod(shape[:-1])), 10, 200 + i), 10).reshape(shape)
        got = scalar(submission.losses.mean_squared_error(y, t), f"mean_squared_error(y of shape {shape}, t)")
        check_close(got, ref.mean_squared_error(y, t), f"mean_squared_error(y of shape {shape}, t)", rtol=1e-6)


def test_mse_returns_scalar(submission):
    """평균 제곱 오차: 배열이 아닌 스칼라 하나를 반환
    mean squared error: returns one number, not an array"""
    scalar(submission.losses.mean_squared_error(Y_GOOD, T), "mean_squared_error(y, t)")


# ----------------------------------------------------------------- cross-entropy error
def test_cee_course_example(submission):
    """교차 엔트로피: 강의 예제 약 0.51
    cross-entropy: the lecture's example, about 0.51"""
    with hints(delta_hint(submission)):
        got = scalar(submission.losses.cross_entropy_error(Y_GOOD, T), "cross_entropy_error(y, t)")
        check_close(got, ref.cross_entropy_error(Y_GOOD, T), "cross_entropy_error(y, t), t = class 2",
                    rtol=1e-6, show_expected=True)


def test_cee_three_sample_mean(submission):
    """교차 엔트로피: 세 샘플의 평균 약 0.74 (배치 평균)
    cross-entropy: the mean over three samples, about 0.74"""
    with hints(batch_hint(submission)):
        got = scalar(submission.losses.cross_entropy_error(Y3, T3), "cross_entropy_error(y, t) (3 samples)")
        check_close(got, ref.cross_entropy_error(Y3, T3), "cross_entropy_error(y, t) (3 samples)", rtol=1e-6,
                    show_expected=True)


def test_cee_zero_at_true_class(submission):
    """교차 엔트로피: 정답 클래스의 확률이 0이어도 유한한 값 (delta 1e-7)
    cross-entropy: finite when the true class has probability 0 (delta 1e-7)"""
    y = np.array([[0.0, 0.5, 0.5], [0.2, 0.7, 0.1]])
    t = np.array([[1, 0, 0], [0, 1, 0]])
    with hints(delta_hint(submission)):
        got = scalar(submission.losses.cross_entropy_error(y, t), "cross_entropy_error(y, t) with y = 0 at the answer")
        check_finite(got, "cross_entropy_error(y, t) with y = 0 at the answer")
        check_close(got, ref.cross_entropy_error(y, t), "cross_entropy_error(y, t) with y = 0 at the answer",
                    rtol=1e-6)


@pytest.mark.parametrize("n", [1, 5], ids=lambda n: f"batch{n}")
def test_cee_label_targets(submission, n):
    """교차 엔트로피: 정답이 원-핫이 아닌 클래스 번호일 때
    cross-entropy: targets given as class indices instead of one-hot"""
    y = softmax_rows((n, 10), 300 + n)
    t = labels(n, 10, 400 + n)
    label = f"cross_entropy_error(y of shape {y.shape}, t={t.tolist()})"
    with hints(label_hint(submission)):
        check_close(scalar(submission.losses.cross_entropy_error(y, t), label), ref.cross_entropy_error(y, t), label,
                    rtol=1e-6)


def test_cee_single_sample_forms(submission):
    """교차 엔트로피: 1차원 y와 원-핫/번호 정답
    cross-entropy: a 1-D y with a one-hot or an index target"""
    y = softmax_rows((10,), 500)
    f = submission.losses.cross_entropy_error
    with hints(single_hint(submission), label_hint(submission)):
        check_close(scalar(f(y, one_hot(3, 10)), "cross_entropy_error(y, one-hot t)"), ref.cross_entropy_error(y, 3),
                    "cross_entropy_error(y of shape (10,), one-hot t)", rtol=1e-6)
        check_close(scalar(f(y, np.array(3)), "cross_entropy_error(y, t=np.array(3))"), ref.cross_entropy_error(y, 3),
                    "cross_entropy_error(y of shape (10,), t=np.array(3))", rtol=1e-6)


def test_cee_plain_int_label(submission):
    """교차 엔트로피: 정답이 파이썬 정수 하나 (t = 3)
    cross-entropy: the answer as a plain Python int (t = 3)"""
    y = softmax_rows((10,), 501)
    with hints(int_target_hint(submission)):
        check_close(scalar(submission.losses.cross_entropy_error(y, 3), "cross_entropy_error(y, t=3)"),
                    ref.cross_entropy_error(y, 3), "cross_entropy_error(y of shape (10,), t=3)", rtol=1e-6)


def test_cee_random_batches(submission):
    """교차 엔트로피: 임의의 배치 (원-핫)
    cross-entropy: random batches (one-hot)"""
    for i, n in enumerate([2, 8]):
        y = softmax_rows((n, 10), 600 + i)
        t = one_hot(labels(n, 10, 700 + i), 10)
        with hints(batch_hint(submission), delta_hint(submission)):
            got = scalar(submission.losses.cross_entropy_error(y, t), f"cross_entropy_error(y of shape {y.shape}, t)")
            check_close(got, ref.cross_entropy_error(y, t), f"cross_entropy_error(y of shape {y.shape}, t)",
                        rtol=1e-6)


def test_cee_float32_input(submission):
    """교차 엔트로피: float32 입력
    cross-entropy: float32 input"""
    y = softmax_rows((6, 10), 800).astype(np.float32)
    t = one_hot(labels(6, 10, 801), 10).astype(np.float32)
    got = scalar(submission.losses.cross_entropy_error(y, t), "cross_entropy_error(float32 y, t)")
    check_close(got, ref.cross_entropy_error(y.astype(np.float64), t), "cross_entropy_error(float32 y, t)", rtol=1e-5)

"""Hidden suite for a02_activations.

Compares against the reference on seeded random inputs, and against the numbers
the course slides print (those may be shown in messages; the random ones never).
"""
import numpy as np
import pytest

import activations as ref
from grader.oracle.checks import Hint, as_array, check_close, check_finite, check_shape, fail, hints
from grader.messages import msg

RNG_SEED = 20261122
SHAPES = [(7,), (3, 5), (2, 3, 4)]


def rand(shape, scale=3.0, seed=0):
    return np.random.default_rng(RNG_SEED + seed).normal(0.0, scale, size=shape)


def _softmax_ok(submission, x) -> bool:
    got = np.asarray(submission.activations.softmax(x), dtype=float)
    return got.shape == x.shape and bool(np.allclose(got, ref.softmax(x), rtol=1e-6))


def shift_hint(submission) -> Hint:
    """Shown when the cause is an overflow: right for small inputs, nan or inf for large ones."""
    def holds() -> bool:
        big = np.asarray(submission.activations.softmax(np.array([1010.0, 1000.0, 990.0])), dtype=float)
        return _softmax_ok(submission, np.array([0.3, 2.9, 4.0])) and not np.isfinite(big).all()
    return Hint(msg(" 힌트: exp 오버플로를 막으려면 최댓값을 빼세요 (x - np.max(x, axis=-1, keepdims=True)).",
                    " Hint: subtract the maximum first (x - np.max(x, axis=-1, keepdims=True)) so exp cannot overflow."),
                holds)


def axis_hint(submission) -> Hint:
    """Shown when a single vector is right but a batch's rows do not each sum to 1."""
    def holds() -> bool:
        batch = np.asarray(submission.activations.softmax(rand((3, 4), seed=70)), dtype=float)
        return _softmax_ok(submission, rand((4,), seed=71)) and (
            batch.shape != (3, 4) or not np.allclose(batch.sum(axis=-1), 1.0))
    return Hint(msg(" 힌트: 배치는 마지막 축(axis=-1)마다 따로 정규화하세요 (keepdims=True).",
                    " Hint: normalise each row of a batch over the last axis (axis=-1, keepdims=True)."), holds)


def last_axis_hint(submission) -> Hint:
    """Shown when vectors and 2-D batches are right but 3-D input is not (the book's older
    ``x.T`` idiom works up to 2-D only)."""
    def holds() -> bool:
        x3 = rand((2, 2, 3), seed=72)
        return _softmax_ok(submission, rand((3, 4), seed=70)) and not _softmax_ok(submission, x3)
    return Hint(msg(" 힌트: 2차원까지만 되는 방법(x.T로 전치)이 아니라 어떤 차원이든 마지막 축을 쓰세요: "
                    "np.max(x, axis=-1, keepdims=True), np.sum(..., axis=-1, keepdims=True).",
                    " Hint: use the last axis for any number of dimensions (not the x.T idiom, which stops at 2-D): "
                    "np.max(x, axis=-1, keepdims=True) and np.sum(..., axis=-1, keepdims=True)."), holds)


# ----------------------------------------------------------------- step_function
def test_step_course_example(submission):
    """계단 함수: 강의 예제 [-1, 1, 2] -> [0, 1, 1]
    step function: the lecture's example [-1, 1, 2] -> [0, 1, 1]"""
    x = np.array([-1.0, 1.0, 2.0])
    check_close(submission.activations.step_function(x), [0, 1, 1], "step_function([-1.0, 1.0, 2.0])",
                show_expected=True)


def test_step_at_zero(submission):
    """계단 함수: x = 0에서는 0 (x > 0일 때만 1)
    step function: 0 at exactly x = 0 (1 only for x > 0)"""
    x = np.array([0.0, -0.0, 1e-9, -1e-9])
    check_close(submission.activations.step_function(x), [0, 0, 1, 0],
                "step_function([0.0, -0.0, 1e-9, -1e-9])", show_expected=True)


def test_step_returns_integers(submission):
    """계단 함수: bool이 아닌 정수 배열을 반환
    step function: returns an integer array, not booleans"""
    got = as_array(submission.activations.step_function(np.array([-1.0, 1.0, 2.0])), "step_function(x)")
    if got.dtype.kind not in "iu":
        fail(f"step_function(x): 정수(int) 배열을 반환해야 하는데 dtype이 {got.dtype}입니다. .astype(int)를 쓰세요.",
             f"step_function(x): expected an integer array, got dtype {got.dtype}. Use .astype(int).")


@pytest.mark.parametrize("x", [3.0, -2, 0.0, 0.5], ids=repr)
def test_step_scalar_input(submission, x):
    """계단 함수: 스칼라 입력
    step function: scalar input"""
    got = as_array(submission.activations.step_function(x), f"step_function({x!r})")
    check_shape(got.reshape(-1) if got.size == 1 else got, (1,), f"step_function({x!r})")
    check_close(got.reshape(()), int(x > 0), f"step_function({x!r})", show_expected=True)


def test_step_random_arrays(submission):
    """계단 함수: 여러 shape의 배열
    step function: arrays of several shapes"""
    for i, shape in enumerate(SHAPES):
        x = rand(shape, seed=i)
        check_close(submission.activations.step_function(x), ref.step_function(x), f"step_function(x of shape {shape})")


# ----------------------------------------------------------------- sigmoid
def test_sigmoid_course_example(submission):
    """시그모이드: 강의 예제 [-1, 1, 2]
    sigmoid: the lecture's example [-1, 1, 2]"""
    check_close(submission.activations.sigmoid(np.array([-1.0, 1.0, 2.0])),
                [0.26894142, 0.73105858, 0.88079708], "sigmoid([-1.0, 1.0, 2.0])", rtol=1e-6, show_expected=True)


def test_sigmoid_random_arrays(submission):
    """시그모이드: 여러 shape의 배열 (부호 확인)
    sigmoid: arrays of several shapes (checks the sign of the exponent)"""
    for i, shape in enumerate(SHAPES):
        x = rand(shape, seed=10 + i)
        check_close(submission.activations.sigmoid(x), ref.sigmoid(x), f"sigmoid(x of shape {shape})", rtol=1e-6)


@pytest.mark.parametrize("x", [0.0, 2.0, -3.5], ids=repr)
def test_sigmoid_scalar_input(submission, x):
    """시그모이드: 스칼라 입력
    sigmoid: scalar input"""
    got = as_array(submission.activations.sigmoid(x), f"sigmoid({x!r})")
    check_close(got.reshape(()) if got.size == 1 else got, ref.sigmoid(x), f"sigmoid({x!r})", rtol=1e-6,
                show_expected=True)


def test_sigmoid_extreme_inputs(submission):
    """시그모이드: 아주 큰/작은 입력에서도 nan 없이 0과 1에 가까움
    sigmoid: no nan for very large or very small inputs"""
    x = np.array([-1000.0, -50.0, 50.0, 1000.0])
    check_close(submission.activations.sigmoid(x), ref.sigmoid(x), "sigmoid([-1000, -50, 50, 1000])",
                atol=1e-12, show_expected=True)


# ----------------------------------------------------------------- relu / identity
def test_relu_negative_is_zero(submission):
    """ReLU: 음수와 0은 0 (leaky ReLU가 아님)
    ReLU: negatives and zero give 0 (not a leaky ReLU)"""
    check_close(submission.activations.relu(np.array([-3.0, -0.5, 0.0, 2.0])), [0.0, 0.0, 0.0, 2.0],
                "relu([-3.0, -0.5, 0.0, 2.0])", show_expected=True)


def test_relu_random_arrays(submission):
    """ReLU: 여러 shape의 배열
    ReLU: arrays of several shapes"""
    for i, shape in enumerate(SHAPES):
        x = rand(shape, seed=20 + i)
        check_close(submission.activations.relu(x), ref.relu(x), f"relu(x of shape {shape})")


@pytest.mark.parametrize("x", [-2.0, 0.0, 1.5], ids=repr)
def test_relu_scalar_input(submission, x):
    """ReLU: 스칼라 입력
    ReLU: scalar input"""
    got = as_array(submission.activations.relu(x), f"relu({x!r})")
    check_close(got.reshape(()) if got.size == 1 else got, max(x, 0.0), f"relu({x!r})", show_expected=True)


def test_relu_leaves_input_unchanged(submission):
    """ReLU: 입력 배열을 바꾸지 않음 (새 배열을 반환)
    ReLU: leaves its input array unchanged (returns a new one)"""
    x0 = np.array([[-2.0, 0.5], [1.5, -0.25]])
    x = submission.new(x0.copy(), "x")
    got = submission.activations.relu(x)
    after = as_array(x._value(), "x")
    if not np.array_equal(after, x0):
        fail("relu(x): 호출한 뒤 입력 배열 x가 바뀌었습니다 (예: x[x <= 0] = 0). 입력은 그대로 두고 "
             "np.maximum(0, x)처럼 새 배열을 반환하세요.",
             "relu(x): the input array x changed after the call (e.g. x[x <= 0] = 0). Leave the input alone and "
             "return a new array, e.g. np.maximum(0, x).")
    # Worth a point only with the right result: a relu that returns nothing changes nothing.
    check_close(got, ref.relu(x0.copy()), "relu(x)")


def test_identity_function(submission):
    """항등 함수: 입력을 그대로 반환
    identity function: returns its input unchanged"""
    for i, shape in enumerate(SHAPES):
        x = rand(shape, seed=30 + i)
        check_close(submission.activations.identity_function(x), x, f"identity_function(x of shape {shape})")
    got = as_array(submission.activations.identity_function(2.5), "identity_function(2.5)")
    check_close(got.reshape(()) if got.size == 1 else got, 2.5, "identity_function(2.5)", show_expected=True)


# ----------------------------------------------------------------- softmax
def test_softmax_course_example(submission):
    """소프트맥스: 강의 예제 [0.3, 2.9, 4.0]
    softmax: the lecture's example [0.3, 2.9, 4.0]"""
    check_close(submission.activations.softmax(np.array([0.3, 2.9, 4.0])), [0.01821127, 0.24519181, 0.73659691],
                "softmax([0.3, 2.9, 4.0])", rtol=1e-6, show_expected=True)


def test_softmax_random_vectors(submission):
    """소프트맥스: 임의 벡터 (합 1, 0과 1 사이)
    softmax: random vectors (sum 1, values in (0, 1))"""
    for i, n in enumerate([2, 5, 10]):
        x = rand((n,), seed=40 + i)
        got = check_close(submission.activations.softmax(x), ref.softmax(x), f"softmax(x of shape ({n},))", rtol=1e-6)
        if not np.isclose(got.sum(), 1.0):
            fail(f"softmax(x): 합이 1이어야 하는데 {got.sum():.6g}입니다.", f"softmax(x): must sum to 1, sums to {got.sum():.6g}.")


def test_softmax_large_inputs(submission):
    """소프트맥스: 큰 입력(1000 근처)에서도 오버플로 없이 계산
    softmax: stable for large inputs (near 1000)"""
    for values in ([1010.0, 1000.0, 990.0], [800.0, 0.0, -800.0]):
        x = np.array(values)
        label = f"softmax({[int(v) for v in values]})"
        with hints(shift_hint(submission)):
            got = as_array(submission.activations.softmax(x), label)
            check_shape(got, (3,), label)
            check_finite(got, label)
            check_close(got, ref.softmax(x), label, rtol=1e-6)


def test_softmax_batch_rows(submission):
    """소프트맥스: 배치 (N, C)는 행마다 합이 1
    softmax: a batch (N, C) sums to 1 in every row"""
    x = rand((4, 6), seed=50)
    with hints(axis_hint(submission)):
        check_close(submission.activations.softmax(x), ref.softmax(x), "softmax(x of shape (4, 6))", rtol=1e-6)


def test_softmax_batch_rows_far_apart(submission):
    """소프트맥스: 값의 범위가 아주 다른 행들의 배치 (행마다 최댓값 빼기)
    softmax: a batch whose rows have very different ranges (subtract each row's max)"""
    x = np.array([[1000.0, 1001.0, 1002.0], [-1000.0, -999.0, -998.0]])
    with hints(shift_hint(submission), axis_hint(submission)):
        got = as_array(submission.activations.softmax(x), "softmax([[1000, 1001, 1002], [-1000, -999, -998]])")
        check_shape(got, (2, 3), "softmax(x of shape (2, 3))")
        check_finite(got, "softmax([[1000, 1001, 1002], [-1000, -999, -998]])")
        check_close(got, ref.softmax(x), "softmax([[1000, 1001, 1002], [-1000, -999, -998]])", rtol=1e-6,
                    show_expected=True)


def test_softmax_3d_last_axis(submission):
    """소프트맥스: 3차원 입력은 마지막 축 기준
    softmax: 3-D input is normalised over the last axis"""
    x = rand((2, 3, 4), seed=60)
    with hints(axis_hint(submission), last_axis_hint(submission)):
        check_close(submission.activations.softmax(x), ref.softmax(x), "softmax(x of shape (2, 3, 4))", rtol=1e-6)

"""Hidden suite for a04_gradient.

The functions being differentiated are the oracle's own callables: the worker
calls them back, so the oracle sees every point the student's code evaluates
and can check, from its side, that exactly one element moves by exactly h at a
time and that x is restored afterwards. Inputs stay small because every
evaluation is a round trip between the processes.
"""
import numpy as np
import pytest

import gradient as ref
from grader.oracle.checks import Hint, as_array, check_close, fail, hints
from grader.messages import msg

H = 1e-4


def nd_hint(submission) -> Hint:
    """Shown when 1-D x is right but 2-D x is not (the slides' 1-D loop over x.size)."""
    def holds() -> bool:
        def ok(shape) -> bool:
            x0 = np.random.default_rng(5).normal(size=shape)
            w = np.linspace(0.5, 2.0, x0.size).reshape(shape)
            try:
                got = np.asarray(submission.gradient.numerical_gradient(lambda x: float(np.sum(w * np.asarray(x) ** 2)),
                                                                        x0.copy()), dtype=float)
            except Exception:  # noqa: BLE001 - raising on 2-D x is exactly the symptom
                return False
            return got.shape == shape and bool(np.allclose(got, 2 * w * x0, rtol=1e-4, atol=1e-6))
        return ok((4,)) and not ok((2, 3))
    return Hint(msg(" 힌트: 2차원 이상의 x는 np.nditer(x, flags=['multi_index'])로 원소를 하나씩 바꾸세요.",
                    " Hint: for x with 2 or more dimensions, perturb one element at a time with "
                    "np.nditer(x, flags=['multi_index'])."), holds)


def function_2(x):
    return float(np.sum(np.asarray(x) ** 2))


class Recorder:
    """f(x) = sum(w * x**2), recording every point the student's code evaluates."""

    def __init__(self, x0, seed=0):
        self.x0 = np.array(x0, dtype=float)
        self.w = np.random.default_rng(seed).uniform(0.5, 2.0, size=self.x0.shape)
        self.points = []

    def __call__(self, x):
        x = np.asarray(x, dtype=float)
        self.points.append(x.copy())
        return float(np.sum(self.w * x ** 2))

    def expected(self):
        return 2 * self.w * self.x0

    def check_one_at_a_time(self, label):
        """Each evaluation differs from x0 in exactly one element, by +h or -h."""
        for n, p in enumerate(self.points):
            if p.shape != self.x0.shape:
                fail(f"{label}: f에 shape {p.shape}인 x가 전달되었습니다 (원래 {self.x0.shape}).",
                     f"{label}: f was called with x of shape {p.shape}, not {self.x0.shape}.")
            moved = np.argwhere(~np.isclose(p, self.x0, rtol=0, atol=1e-12))
            if len(moved) != 1:
                fail(f"{label}: {n + 1}번째 f 호출에서 x의 원소 {len(moved)}개가 바뀌어 있습니다. "
                     f"한 번에 원소 하나만 바꾸고, 계산 후에는 원래 값으로 되돌리세요.",
                     f"{label}: at call {n + 1} of f, {len(moved)} elements of x differ from the input. "
                     f"Change one element at a time, and put it back right after.")
            idx = tuple(moved[0])
            step = p[idx] - self.x0[idx]
            if not np.isclose(abs(step), H, rtol=1e-6):
                fail(f"{label}: x를 {abs(step):.3g}만큼 바꿨습니다. h = 1e-4를 쓰세요.",
                     f"{label}: x was moved by {abs(step):.3g}; use h = 1e-4.")


# ----------------------------------------------------------------- numerical_diff
def test_numerical_diff_course(submission):
    """수치 미분: x^2의 x = 3에서의 미분은 6
    numerical derivative: d/dx x^2 at x = 3 is 6"""
    got = as_array(submission.gradient.numerical_diff(lambda x: x ** 2, 3.0), "numerical_diff(f, 3.0)")
    check_close(got.reshape(()), 6.0, "numerical_diff(lambda x: x**2, 3.0)", rtol=1e-6, show_expected=True)


def test_numerical_diff_central_difference(submission):
    """수치 미분: h = 1e-4의 중앙 차분 (f(x+h) - f(x-h)) / 2h
    numerical derivative: central difference with h = 1e-4"""
    seen = []

    def f(x):
        seen.append(float(x))
        return float(x) ** 3

    got = as_array(submission.gradient.numerical_diff(f, 2.0), "numerical_diff(f, 2.0)").reshape(())
    offsets = sorted(round(s - 2.0, 9) for s in seen)
    if offsets != [-H, H]:
        fail(f"numerical_diff(f, 2.0): f를 x = 2.0에서 {offsets}만큼 떨어진 곳에서 계산했습니다. "
             f"중앙 차분은 x + h와 x - h (h = 1e-4) 두 곳에서 계산합니다.",
             f"numerical_diff(f, 2.0): f was evaluated at offsets {offsets} from x = 2.0; the central "
             f"difference evaluates f at x + h and x - h (h = 1e-4).")
    check_close(got, ref.numerical_diff(lambda x: x ** 3, 2.0), "numerical_diff(lambda x: x**3, 2.0)", rtol=1e-9)


# ----------------------------------------------------------------- numerical_gradient
def test_numerical_gradient_course(submission):
    """기울기: 강의 예제 f = x0^2 + x1^2, x = [3, 4] -> [6, 8]
    gradient: the lecture's f = x0^2 + x1^2 at [3, 4] -> [6, 8]"""
    got = submission.gradient.numerical_gradient(function_2, np.array([3.0, 4.0]))
    check_close(got, [6.0, 8.0], "numerical_gradient(function_2, [3.0, 4.0])", rtol=1e-6, show_expected=True)


@pytest.mark.parametrize("shape", [(5,), (2, 3), (2, 2, 2)], ids=lambda s: "x".join(map(str, s)))
def test_numerical_gradient_any_shape(submission, shape):
    """기울기: 1, 2, 3차원 x
    gradient: x with 1, 2 and 3 dimensions"""
    x0 = np.random.default_rng(sum(shape)).normal(size=shape)
    f = Recorder(x0, seed=len(shape))
    label = f"numerical_gradient(f, x of shape {shape})"
    with hints(nd_hint(submission)):
        got = submission.gradient.numerical_gradient(f, x0.copy())
        f.check_one_at_a_time(label)
        check_close(got, f.expected(), label, rtol=1e-5, atol=1e-7)


def test_numerical_gradient_restores_x(submission):
    """기울기: 계산이 끝나면 x가 원래 값 그대로
    gradient: x is exactly restored when it returns"""
    # 1-D: the slides' version handles it, so only restoring is checked here (any shape is its own test)
    x0 = np.random.default_rng(7).normal(size=(5,))
    x_in_worker = submission.new(x0.copy(), "x")
    f = Recorder(x0, seed=7)
    got = submission.gradient.numerical_gradient(f, x_in_worker)
    after = as_array(x_in_worker._value(), "x")
    if after.shape != x0.shape or not np.array_equal(after, x0):
        diff = np.argwhere(after != x0) if after.shape == x0.shape else []
        where = f" (e.g. index {tuple(int(i) for i in diff[0])})" if len(diff) else ""
        fail(f"numerical_gradient(f, x): 반환한 뒤 x가 호출 전과 다릅니다{where}. 바꾼 원소를 원래 값(tmp_val)으로 되돌리세요.",
             f"numerical_gradient(f, x): x differs from its input after the call{where}. Put each element back (tmp_val).")
    # Worth a point only with the right gradient: a function that returns nothing restores everything.
    check_close(got, f.expected(), "numerical_gradient(f, x)", rtol=1e-5, atol=1e-7)


def test_numerical_gradient_perturbs_x_in_place(submission):
    """기울기: x 자체의 원소를 바꿔 가며 계산 (책의 loss_W = lambda W: self.loss(x, t)가 이에 기대요)
    gradient: perturbs x itself, in place (the book's loss_W = lambda W: self.loss(x, t) relies on it)"""
    x0 = np.array([1.5, -0.5, 2.0])
    w = np.array([1.0, 2.0, 0.5])
    x = submission.new(x0.copy(), "x")

    def loss_w(_):  # as the book's TwoLayerNet: ignores its argument and reads the parameters themselves
        return float(np.sum(w * as_array(x._value(), "x")))  # linear: any difference quotient is exact

    got = as_array(submission.gradient.numerical_gradient(loss_w, x), "numerical_gradient(f, x)")
    if got.shape == x0.shape and np.allclose(got, 0.0):
        fail("numerical_gradient(f, x): x의 복사본을 바꾼 것 같습니다 (기울기가 모두 0). 책의 TwoLayerNet은 "
             "인자를 쓰지 않는 f(loss_W = lambda W: self.loss(x, t))를 넘기므로 x 자체의 원소를 바꿔야 합니다 "
             "(x[idx] = tmp_val + h).",
             "numerical_gradient(f, x): the gradient is all zeros, as if a copy of x was changed. The book's "
             "TwoLayerNet passes an f that ignores its argument (loss_W = lambda W: self.loss(x, t)), so x itself "
             "must change (x[idx] = tmp_val + h).")
    check_close(got, w, "numerical_gradient(f, x) with an f that reads x itself", rtol=1e-5, atol=1e-7)


# ----------------------------------------------------------------- gradient_descent
def final_x(got: object) -> object:
    """x from the book's ``return x, np.array(x_history)`` (ch04/gradient_method.py): the values are graded
    on x, and returning more than x costs :func:`test_gradient_descent_returns_x` alone."""
    if isinstance(got, tuple) and len(got) == 2 and isinstance(got[0], np.ndarray) and np.ndim(got[1]) >= 1:
        return got[0]
    return got


def test_gradient_descent_returns_x(submission):
    """경사 하강법: 마지막 x만 반환 (x_history 없이)
    gradient descent: returns the final x alone (no x_history)"""
    got = submission.gradient.gradient_descent(function_2, np.array([-3.0, 4.0]), lr=0.1, step_num=5)
    if isinstance(got, (tuple, list)) and len(got) == 2 and isinstance(got[0], np.ndarray):
        fail("gradient_descent(...): 값 2개 (x, 기록)를 반환했습니다. 과제는 마지막 x 하나만 반환하도록 합니다 "
             "(return x; 기록은 반환하지 마세요).",
             "gradient_descent(...): returned 2 values (x and a history); the assignment asks for the final x "
             "alone (return x, without the history).")
    got = as_array(got, "gradient_descent(function_2, [-3.0, 4.0], lr=0.1, step_num=5)")
    if got.shape != (2,):
        fail(f"gradient_descent(...): shape {got.shape}를 반환했습니다. init_x와 같은 shape (2,)여야 합니다.",
             f"gradient_descent(...): returned shape {got.shape}; expected init_x's shape (2,).")


def test_gradient_descent_course(submission):
    """경사 하강법: 강의 예제 (-3, 4)에서 시작, lr=0.1, 100번 -> 거의 (0, 0)
    gradient descent: the lecture's example from (-3, 4), lr=0.1, 100 steps -> almost (0, 0)"""
    got = final_x(submission.gradient.gradient_descent(function_2, np.array([-3.0, 4.0]), lr=0.1, step_num=100))
    check_close(got, ref.gradient_descent(function_2, np.array([-3.0, 4.0]), lr=0.1, step_num=100),
                "gradient_descent(function_2, [-3.0, 4.0], lr=0.1, step_num=100)", rtol=1e-4, atol=1e-12)


def test_gradient_descent_defaults(submission):
    """경사 하강법: 기본값 lr=0.01, step_num=100
    gradient descent: the defaults lr=0.01, step_num=100"""
    got = final_x(submission.gradient.gradient_descent(function_2, np.array([-3.0])))
    check_close(got, ref.gradient_descent(function_2, np.array([-3.0])),
                "gradient_descent(lambda x: x[0]**2, [-3.0]) with the default lr and step_num", rtol=1e-5)


@pytest.mark.parametrize("lr, steps", [(0.05, 20), (0.3, 7)], ids=["lr0.05x20", "lr0.3x7"])
def test_gradient_descent_lr_and_steps(submission, lr, steps):
    """경사 하강법: 학습률과 반복 횟수가 결과에 반영됨
    gradient descent: the learning rate and the number of steps matter"""
    x0 = np.array([1.5, -2.0])
    got = final_x(submission.gradient.gradient_descent(function_2, x0.copy(), lr=lr, step_num=steps))
    check_close(got, ref.gradient_descent(function_2, x0.copy(), lr=lr, step_num=steps),
                f"gradient_descent(function_2, [1.5, -2.0], lr={lr}, step_num={steps})", rtol=1e-5)

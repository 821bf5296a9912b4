"""Hidden suite for a05_backprop, part 2: TwoLayerNet.

The oracle sets the network's parameters itself (in place, so the layers that
share them see the change), then checks predict / loss / accuracy for
consistency and compares ``gradient`` (backprop) and ``numerical_gradient``
with the gradient the *oracle* computes for the course's network
(Affine1 -> Relu1 -> Affine2 -> SoftmaxWithLoss, as ``test_predict_and_loss``
requires) at those parameters, in its own numpy. Nothing the student's code
returns enters the expected values: a ``loss`` that memoises its value per
``(x, t)`` (and so makes a numerical gradient of the student's own loss zero)
cannot make zero gradients pass. The training test likewise measures accuracy
from the trained ``params`` with the course's forward pass computed by the
oracle, never from the student's ``predict``, which could look the test images
up instead of computing anything.

Thresholds (grading.yml, a05_backprop.params), measured on the reference by
``python tools/measure_a05_thresholds.py --iters 300`` with this suite's inputs
(relative error = max |g - g_oracle| / max |g_oracle|, worst parameter):

* ``grad_rel_error`` (backprop): float64 and float32 both agree with the
  oracle's analytic gradient to 1e-6 or better; the fixed parameters keep every
  ReLU input at least 0.175 away from its kink. A gradient off by a constant
  factor k has error |k - 1| (1.0 for k = 2); a missing ReLU mask or (1 - y)
  term is far off. 1e-2 leaves room for any float width.
* ``num_grad_rel_error`` (the student's numerical_gradient, h = 1e-4 as taught):
  about 1e-8 in float64, 7.5e-3 in float32 (rounding / 2h). 5e-2: 6.7x above float32.
* ``min_test_accuracy`` after 300 SGD steps (batch 100, lr 0.1) on the
  1000-image sample: the reference reaches 0.702-0.728 over seeds 0-9 (mean
  0.715, std 0.008). 0.62 sits 0.082 (10 std) below the worst seed, so the
  false-fail risk for a correct network is negligible, while a network that
  does not learn stays near 0.10. (600 steps would reach 0.726-0.778 but cost
  0.25 s more per submission.)
"""
import numpy as np

from grader.kits.numpy_nets import sgd_start
from grader.oracle.checks import Fail, Hint, as_array, check_close, check_shape, fail, hints
from grader.messages import msg
from grader.sandbox.proxy import SandboxError
from pathlib import Path

D, H, C, N = 4, 3, 3, 5
KEYS = ("W1", "b1", "W2", "b2")
DATA = Path(__file__).parent / "data" / "fashion_mnist_sample.npz"


def fixed_params():
    """Parameters whose hidden pre-activations all lie at least 0.05 away from 0 (see docstring)."""
    g = np.random.default_rng(2026)
    return {"W1": g.uniform(-1, 1, (D, H)), "b1": np.array([0.3, -0.2, 0.25]),
            "W2": g.uniform(-1, 1, (H, C)), "b2": np.array([0.1, -0.1, 0.05])}


X = np.random.default_rng(7).uniform(-1, 1, (N, D))
LABELS = np.array([0, 1, 2, 1, 0])
T = np.eye(C)[LABELS]


def make_net(submission, params=None):
    submission.seed(0)
    net = submission.two_layer_net.TwoLayerNet(D, H, C)
    store = net._attr_ref("params")
    for key, value in (params or fixed_params()).items():
        store._item_ref(key)._copyto(value)
    return net, store


def course_gradient(params, x, t):
    """The gradient of the course network's loss at ``params``, computed here (never by student code)."""
    labels = t if t.ndim == 1 else np.argmax(t, axis=1)
    n = len(x)
    hidden = x @ params["W1"] + params["b1"]
    relu = np.maximum(0, hidden)
    scores = relu @ params["W2"] + params["b2"]
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    dscores = e / e.sum(axis=1, keepdims=True)
    dscores[np.arange(n), labels] -= 1
    dscores /= n
    drelu = dscores @ params["W2"].T
    dhidden = drelu * (hidden > 0)
    return {"W1": x.T @ dhidden, "b1": dhidden.sum(axis=0), "W2": relu.T @ dscores, "b2": dscores.sum(axis=0)}


def course_scores(params, x):
    """The course network's scores (Affine1 -> Relu1 -> Affine2), computed here."""
    return np.maximum(0, x @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]


def compare_grads(got, want, threshold, label):
    if not isinstance(got, dict) or set(KEYS) - set(got):
        fail(f"{label}: 'W1', 'b1', 'W2', 'b2'를 키로 하는 dict를 반환해야 합니다.",
             f"{label}: expected a dict with keys 'W1', 'b1', 'W2', 'b2'.")
    for key in KEYS:
        g = as_array(got[key], f"{label}['{key}']")
        check_shape(g, want[key].shape, f"{label}['{key}']")
        err = float(np.max(np.abs(g - want[key])) / max(np.max(np.abs(want[key])), 1e-8))
        if not err <= threshold:
            fail(f"{label}['{key}']: 채점기가 계산한 기울기와의 상대 오차가 {err:.3g}입니다 (허용 {threshold:g}).",
                 f"{label}['{key}']: relative error {err:.3g} against the gradient the grader computed "
                 f"(allowed {threshold:g}).")


# ----------------------------------------------------------------- structure
def test_params_initialisation(submission):
    """TwoLayerNet: params의 키, shape, 초기화 (b는 0, W는 weight_init_std 배)
    TwoLayerNet: params keys, shapes and initialisation (zero biases, W scaled by weight_init_std)"""
    for std in (0.01, 0.05):  # the default and another: an ignored weight_init_std shows at 0.05
        _check_initialisation(submission, std)


def _check_initialisation(submission, std):
    submission.seed(0)
    net = submission.two_layer_net.TwoLayerNet(784, 50, 10, weight_init_std=std)
    params = net.params
    if not isinstance(params, dict) or set(KEYS) - set(params):
        fail("TwoLayerNet.params: 'W1', 'b1', 'W2', 'b2'를 키로 하는 dict여야 합니다.",
             "TwoLayerNet.params: expected a dict with keys 'W1', 'b1', 'W2', 'b2'.")
    for key, shape in {"W1": (784, 50), "b1": (50,), "W2": (50, 10), "b2": (10,)}.items():
        check_shape(as_array(params[key], f"params['{key}']"), shape, f"TwoLayerNet(784, 50, 10).params['{key}']")
    for key in ("b1", "b2"):
        if np.any(as_array(params[key], key) != 0):
            fail(f"params['{key}']: 편향은 0으로 초기화해야 합니다.", f"params['{key}']: biases start at zero.")
    for key in ("W1", "W2"):
        got = float(np.std(as_array(params[key], key)))
        if not 0.7 * std < got < 1.3 * std:
            fail(f"TwoLayerNet(..., weight_init_std={std}).params['{key}']: 표준편차가 {got:.3g}입니다. "
                 f"weight_init_std * np.random.randn(...)로 초기화하세요 (받은 weight_init_std를 쓰세요).",
                 f"TwoLayerNet(..., weight_init_std={std}).params['{key}']: its standard deviation is {got:.3g}; "
                 f"initialise with weight_init_std * np.random.randn(...), using the weight_init_std given.")


def test_predict_and_loss(submission):
    """TwoLayerNet: predict는 (N, C) 점수, loss는 그 softmax의 교차 엔트로피
    TwoLayerNet: predict gives (N, C) scores; loss is the cross-entropy of their softmax"""
    net, _ = make_net(submission)
    scores = as_array(net.predict(X), "predict(x)")
    check_shape(scores, (N, C), "TwoLayerNet.predict(x)")
    course = course_scores(fixed_params(), X)
    e = np.exp(course - course.max(axis=1, keepdims=True))
    softmaxed = e / e.sum(axis=1, keepdims=True)
    structure = Hint(msg(" 힌트: predict는 Affine1 -> Relu1 -> Affine2 의 점수를 반환합니다 (softmax는 loss에서만).",
                         " Hint: predict returns the scores of Affine1 -> Relu1 -> Affine2 (softmax only inside loss)."),
                     lambda: scores.shape == (N, C) and bool(np.allclose(scores, softmaxed, rtol=1e-5)))
    with hints(structure):
        check_close(scores, course, "TwoLayerNet.predict(x) with the grader's W1, b1, W2, b2", rtol=1e-5, atol=1e-6)
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    y = e / e.sum(axis=1, keepdims=True)
    want = -np.mean(np.log(y[np.arange(N), LABELS] + 1e-7))
    for t, form in ((T, "one-hot"), (LABELS, "labels")):
        got = as_array(net.loss(X, t), f"loss(x, t as {form})")
        check_close(got.reshape(()) if got.size == 1 else got, want, f"TwoLayerNet.loss(x, t as {form})", rtol=1e-5)


def test_accuracy(submission):
    """TwoLayerNet: accuracy = argmax(predict)가 정답과 같은 비율
    TwoLayerNet: accuracy is the share of argmax(predict) equal to the answer"""
    net, _ = make_net(submission)
    pred = np.argmax(as_array(net.predict(X), "predict(x)"), axis=1)
    labels = pred.copy()
    labels[:2] = (labels[:2] + 1) % C  # exactly 3 of the 5 predictions are right: accuracy 0.6
    for t, form in ((np.eye(C)[labels], "one-hot"), (labels, "labels")):
        got = as_array(net.accuracy(X, t), f"accuracy(x, t as {form})")
        check_close(got.reshape(()) if got.size == 1 else got, 0.6,
                    f"TwoLayerNet.accuracy(x, t as {form}) (3 of 5 right)", show_expected=True)


# ----------------------------------------------------------------- gradients
def test_gradient_matches_numerical(submission, grading_params):
    """TwoLayerNet: 오차역전파 기울기가 수치 미분 기울기와 일치
    TwoLayerNet: the backprop gradient agrees with the numerical gradient"""
    net, _ = make_net(submission)
    want = course_gradient(fixed_params(), X, T)
    compare_grads(net.gradient(X, T), want, grading_params["grad_rel_error"], "TwoLayerNet.gradient(x, t)")


def test_gradient_with_label_targets(submission, grading_params):
    """TwoLayerNet: 정답이 클래스 번호일 때의 기울기
    TwoLayerNet: gradient with class-index targets"""
    net, _ = make_net(submission)
    want = course_gradient(fixed_params(), X, LABELS)
    compare_grads(net.gradient(X, LABELS), want, grading_params["grad_rel_error"],
                  "TwoLayerNet.gradient(x, t as labels)")


def test_numerical_gradient_method(submission, grading_params):
    """TwoLayerNet: numerical_gradient 메서드
    TwoLayerNet: the numerical_gradient method"""
    net, _ = make_net(submission)
    want = course_gradient(fixed_params(), X, T)
    with hints(imported_gradient_hint(submission)):
        compare_grads(net.numerical_gradient(X, T), want, grading_params["num_grad_rel_error"],
                      "TwoLayerNet.numerical_gradient(x, t)")


def imported_gradient_hint(submission) -> Hint:
    """Shown when two_layer_net.py uses the numerical_gradient of the student's own gradient.py (a04),
    as the book does (from common.gradient import numerical_gradient), and that function is wrong for
    the 2-D params: then the cause is in a04, and its feedback says what (the points are lost here too,
    since this method, as submitted, gives a wrong gradient)."""
    def holds() -> bool:
        own = submission.two_layer_net.numerical_gradient  # the module-level name the method calls
        a04 = submission.gradient.numerical_gradient
        x0 = np.array([[1.0, -2.0, 0.5], [0.25, 1.5, -1.0]])

        def f(x):
            return float(np.sum(np.asarray(x) ** 2))

        def run(g) -> object:  # the gradient, or the error it raised (the 1-D loop's IndexError)
            try:
                return np.asarray(g(f, x0.copy()), dtype=float)
            except SandboxError as exc:  # "...: raised IndexError: ... (a04_gradient/gradient.py:14 in ...)"
                return str(exc.message.en).partition(": raised ")[2] or "?"

        mine, theirs = run(own), run(a04)
        if isinstance(mine, str) or isinstance(theirs, str):
            return isinstance(mine, str) and mine == theirs
        wrong = mine.shape != x0.shape or not np.allclose(mine, 2 * x0, rtol=1e-4)
        return wrong and mine.shape == theirs.shape and bool(np.allclose(mine, theirs))
    return Hint(msg(" 힌트: two_layer_net.py가 가져다 쓰는 gradient.py(a04)의 numerical_gradient가 2차원 배열에서 "
                    "틀린 기울기를 냅니다. a04 과제의 피드백을 보고 그 함수를 고치세요.",
                    " Hint: the numerical_gradient that two_layer_net.py imports from your gradient.py (a04) gives "
                    "wrong gradients for 2-D arrays; see a04's feedback and fix it there."), holds)


# ----------------------------------------------------------------- training
def grader_warm_up(submission, params):
    """Start the training run as soon as the worker exists (see the ``warm_up`` fixture).

    In a grading run this runs right after the workers start, so the SGD steps use the
    second core while the oracle tests the other assignments.
    """
    data = np.load(DATA)
    x_train = (data["x_train"] / 255.0).astype(np.float32)
    t_train = np.eye(10, dtype=np.float32)[data["t_train"]]
    submission.seed(0)
    net = submission.two_layer_net.TwoLayerNet(784, 50, 10)
    iters = int(params["train_iters"])
    training = sgd_start(submission, net, submission.new(x_train, "x_train"), submission.new(t_train, "t_train"),
                         iters=iters, batch_size=100, lr=0.1, seed=0, log_every=iters, params=KEYS,
                         timeout=params["train_timeout"])
    return {"net": net, "training": training}


def test_training_reaches_accuracy(warm_up, grading_params):
    """TwoLayerNet: Fashion-MNIST 샘플로 SGD 학습 후 테스트 정확도
    TwoLayerNet: test accuracy after SGD on a Fashion-MNIST sample"""
    losses = warm_up["training"].result()
    data = np.load(DATA)
    x_test = (data["x_test"] / 255.0).astype(np.float32)
    trained = warm_up["net"].params
    if not isinstance(trained, dict) or set(KEYS) - set(trained):
        fail("학습 후 TwoLayerNet.params에 'W1', 'b1', 'W2', 'b2'가 없습니다.",
             "after training, TwoLayerNet.params lacks 'W1', 'b1', 'W2' or 'b2'.")
    params = {k: as_array(trained[k], f"params['{k}']").astype(np.float64) for k in KEYS}
    for key, shape in {"W1": (784, 50), "b1": (50,), "W2": (50, 10), "b2": (10,)}.items():
        check_shape(params[key], shape, f"params['{key}'] after training")
    acc = float(np.mean(np.argmax(course_scores(params, x_test), axis=1) == data["t_test"]))
    need = grading_params["min_test_accuracy"]
    iters = int(grading_params["train_iters"])
    if not acc >= need:
        last = f"{losses[-1]:.3f}" if losses else "?"
        raise Fail(msg(f"{iters}번 SGD 학습 후 테스트 정확도 {acc:.3f} (필요: {need:g}; "
                       f"마지막 손실 {last}). gradient와 params 갱신을 확인하세요.",
                       f"test accuracy {acc:.3f} after {iters} SGD steps (needed: {need:g}; "
                       f"last loss {last}). Check gradient and the params update."))

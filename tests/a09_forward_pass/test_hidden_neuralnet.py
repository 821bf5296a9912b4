"""Hidden suite for a09_forward_pass: the book's chapter 3 network, forward pass and batch inference.

Golden numbers from the slides (the book's 3.4.3): ``init_network()``'s weights and biases, and
``forward(network, [1.0, 0.5])`` = [0.31682708, 0.69627909]; those may be shown in messages.

Every other expected value is computed here, in the oracle, from the network and inputs this file
makes (``oracle_scores``: the three layers written as ``einsum``, the softmax as the log-sum-exp),
never from anything the student's code returns. ``forward`` and ``predict`` are also checked on
networks of other sizes (non-square weights, so ``np.dot(W, x)`` cannot pass by chance) with
seeded values the student never sees. ``accuracy`` is graded on the grader's own trained
784-50-100-10 network (``data/network.npz``, made by ``tools/make_a09_network.py``; the book ships
its own as ``sample_weight.pkl``) and the 500 test images of a05's Fashion-MNIST sample, and on a
seeded random network: nothing the student could look up or memoise. Its value must be exact: a
count over N, the last batch smaller than ``batch_size`` where N is not a multiple of it. The
trained network's two largest scores are at least 0.048 apart on every image (printed by the
tool), so float32 arithmetic in the student's code cannot flip a prediction.

Tolerances: ``check_close``'s defaults (rtol 1e-6): the reference agrees to rounding in float64.

Time: the reference's tests take about 0.1 s in process (``pytest --grader-inprocess --durations``;
the 500 images are most of it) and ``grade reference/ -a a09_forward_pass`` 0.9-1.0 s end to end
on the 2-core machine (a11's reference alongside: the same); the assignment's limits are the
defaults (5 s a call, 60 s the suite), and the one-image-at-a-time loop stays far inside them.
"""
import itertools
from pathlib import Path

import numpy as np

from grader.messages import msg
from grader.oracle.checks import Hint, as_array, check_close, fail, hints

HERE = Path(__file__).parent
NETWORK = HERE / "data" / "network.npz"
SAMPLE = HERE.parent / "a05_backprop" / "data" / "fashion_mnist_sample.npz"  # shared with a05
KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")
SLIDES = {
    "W1": np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]), "b1": np.array([0.1, 0.2, 0.3]),
    "W2": np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]), "b2": np.array([0.1, 0.2]),
    "W3": np.array([[0.1, 0.3], [0.2, 0.4]]), "b3": np.array([0.1, 0.2]),
}
SLIDES_X = np.array([1.0, 0.5])  # forward -> [0.31682708, 0.69627909] (the slides print it)


def rng(seed):
    return np.random.default_rng(900 + seed)


# ----------------------------------------------------------------- the oracle's own network
def oracle_scores(network, x, biases=(True, True, True)):
    """The output layer's scores (identity output); ``biases`` drops a layer's bias (for a hint)."""
    def layer(z, i):
        a = np.einsum("...d,dm->...m", z, network[f"W{i}"])
        return a + network[f"b{i}"] if biases[i - 1] else a
    z1 = 0.5 * (1 + np.tanh(0.5 * layer(np.asarray(x, dtype=float), 1)))  # sigmoid, written another way
    z2 = 0.5 * (1 + np.tanh(0.5 * layer(z1, 2)))
    return layer(z2, 3)


def oracle_softmax(a):
    a = np.asarray(a, dtype=float)
    log_sum = np.logaddexp.reduce(a, axis=-1, keepdims=True)
    return np.exp(a - log_sum)


def random_network(seed, sizes=(4, 5, 3, 3), scale=1.0):
    g = rng(seed)
    net = {}
    for i, (n_in, n_out) in enumerate(itertools.pairwise(sizes), start=1):
        net[f"W{i}"] = g.normal(0, scale, (n_in, n_out))
        net[f"b{i}"] = g.normal(0, scale, n_out)
    return net


def trained_network():
    data = np.load(NETWORK)
    return {k: data[k] for k in KEYS}


def fashion_test_set():
    data = np.load(SAMPLE)
    return data["x_test"] / 255.0, data["t_test"].astype(np.int64)


def describe(network):
    return " -> ".join(str(n) for n in [network["W1"].shape[0]] + [network[f"W{i}"].shape[1] for i in (1, 2, 3)])


# ----------------------------------------------------------------- hints
def output_hint(got, network, x) -> Hint:
    """Shown when forward's output went through sigmoid or softmax (the output layer is the identity)."""
    def holds() -> bool:
        g, a = np.asarray(got, dtype=float), oracle_scores(network, x)
        return g.shape == a.shape and bool(np.allclose(g, 1 / (1 + np.exp(-a))) or np.allclose(g, oracle_softmax(a)))
    return Hint(msg(" 힌트: forward의 출력층은 항등 함수입니다 (y = a3). 시그모이드나 소프트맥스는 은닉층(sigmoid)과 "
                    "predict(softmax)에만 씁니다.",
                    " Hint: forward's output layer is the identity (y = a3); sigmoid belongs to the hidden layers "
                    "and softmax to predict only."), holds)


def bias_hint(got, network, x) -> Hint:
    """Shown when the output is the network's with one or more biases left out."""
    def holds() -> bool:
        g = np.asarray(got, dtype=float)
        drops = [(b1, b2, b3) for b1 in (True, False) for b2 in (True, False) for b3 in (True, False)][1:]
        return any(g.shape == oracle_scores(network, x).shape and np.allclose(g, oracle_scores(network, x, d))
                   for d in drops)
    return Hint(msg(" 힌트: 편향이 빠졌습니다. 층마다 a = np.dot(x, W) + b 입니다.",
                    " Hint: a bias is missing; every layer is a = np.dot(x, W) + b."), holds)


def check_forward(submission, network, x, label, show=False):
    got = as_array(submission.neuralnet.forward(network, x), label)
    with hints(output_hint(got, network, x), bias_hint(got, network, x)):
        check_close(got, oracle_scores(network, x), label, show_expected=show)


# ----------------------------------------------------------------- init_network / forward
def test_init_network_slides_values(submission):
    """init_network: 슬라이드의 W1, b1, W2, b2, W3, b3
    init_network: the slides' W1, b1, W2, b2, W3, b3"""
    got = submission.neuralnet.init_network()
    for key in KEYS:
        try:
            value = got[key]
        except Exception:  # noqa: BLE001 - not a dict, or no such key: the student's value decides
            fail(f"init_network(): 키 '{key}'가 있는 dict를 반환해야 합니다.",
                 f"init_network(): expected a dict with the key '{key}'.")
        check_close(value, SLIDES[key], f"init_network()['{key}']", show_expected=True)


def test_forward_slides_example(submission):
    """forward: 슬라이드의 예 forward(network, [1.0, 0.5]) -> [0.31682708, 0.69627909]
    forward: the slides' example forward(network, [1.0, 0.5]) -> [0.31682708, 0.69627909]"""
    check_forward(submission, SLIDES, SLIDES_X, "forward(slides' network, [1.0, 0.5])", show=True)


def test_forward_other_networks(submission):
    """forward: 다른 값과 크기의 신경망 (x.shape (D,))
    forward: networks of other values and sizes (x of shape (D,))"""
    for seed, sizes in ((1, (2, 3, 2, 2)), (2, (4, 5, 3, 3)), (3, (3, 2, 4, 5))):
        net = random_network(seed, sizes)
        check_forward(submission, net, rng(seed + 10).normal(size=sizes[0]),
                      f"forward(a {describe(net)} network, x of shape ({sizes[0]},))")


def test_forward_batch(submission):
    """forward: 배치 입력 x.shape (N, D) -> (N, C)
    forward: a batch x of shape (N, D) -> (N, C)"""
    check_forward(submission, SLIDES, rng(20).normal(size=(5, 2)), "forward(slides' network, x of shape (5, 2))")
    net = random_network(21, (4, 5, 3, 3))
    check_forward(submission, net, rng(22).normal(size=(7, 4)), f"forward(a {describe(net)} network, x of shape (7, 4))")


# ----------------------------------------------------------------- predict
def check_predict(submission, network, x, label):
    check_close(submission.neuralnet.predict(network, x), oracle_softmax(oracle_scores(network, x)), label)


def test_predict_batch(submission):
    """predict: 소프트맥스 출력, 배치의 행마다 (각 행의 합 1)
    predict: softmax output for each row of a batch (each row sums to 1)"""
    net = random_network(30, (6, 5, 4, 4))
    check_predict(submission, net, rng(31).normal(size=(9, 6)), f"predict(a {describe(net)} network, x of shape (9, 6))")
    net = random_network(32, (784, 50, 100, 10), scale=0.3)
    check_predict(submission, net, rng(33).uniform(0, 1, size=(12, 784)),
                  f"predict(a {describe(net)} network, x of shape (12, 784))")


def test_predict_single_sample(submission):
    """predict: 입력 하나 x.shape (D,) -> (C,) (책의 한 장씩 추론)
    predict: one input x of shape (D,) -> (C,) (the book's one-at-a-time inference)"""
    net = random_network(40, (6, 5, 4, 4))
    check_predict(submission, net, rng(41).normal(size=6), f"predict(a {describe(net)} network, x of shape (6,))")


def test_predict_large_scores(submission):
    """predict: 큰 점수에서도 오버플로 없음, 행마다 크기가 크게 다른 배치
    predict: no overflow on large scores, rows of a batch far apart"""
    net = random_network(50, (6, 5, 4, 4))
    net["W3"] = net["W3"] * 5000.0  # scores up to about 9000, rows' maxima 1500 apart: exp overflows
    net["b3"] = net["b3"] * 5000.0  # without the shift, and one max for the whole batch underflows a row
    check_predict(submission, net, rng(51).normal(size=(8, 6)),
                  f"predict(a {describe(net)} network with scores in the thousands, x of shape (8, 6))")


# ----------------------------------------------------------------- accuracy
def check_accuracy(submission, network, x, t, batch_size, label):
    want = np.mean(np.argmax(oracle_scores(network, x), axis=1) == t)
    args = (network, x, t) if batch_size is None else (network, x, t, batch_size)
    got = as_array(submission.neuralnet.accuracy(*args), label)
    if got.size != 1:
        fail(f"{label}: 정확도 숫자 하나를 반환해야 하는데 shape {got.shape}인 배열을 반환했습니다.",
             f"{label}: expected one number (the accuracy), got an array of shape {got.shape}.")
    check_close(got.reshape(()), want, label, rtol=0, atol=1e-9)


def test_accuracy_fashion_mnist(submission):
    """accuracy: 채점기의 학습된 신경망, Fashion-MNIST 테스트 이미지 500장, batch_size 기본값 100
    accuracy: the grader's trained network on 500 Fashion-MNIST test images, batch_size 100 by default"""
    x, t = fashion_test_set()
    check_accuracy(submission, trained_network(), x, t, None,
                   "accuracy(the grader's trained network, 500 Fashion-MNIST images, labels)")


def test_accuracy_last_batch_smaller(submission):
    """accuracy: N이 batch_size의 배수가 아닐 때 마지막 배치도 셈 (N = 437, batch_size 100과 64)
    accuracy: the last, smaller batch counts when N is not a multiple of batch_size (N = 437; 100 and 64)"""
    x, t = fashion_test_set()
    pick = rng(60).permutation(len(x))[:437]
    for batch_size in (100, 64):
        check_accuracy(submission, trained_network(), x[pick], t[pick], batch_size,
                       f"accuracy(the grader's trained network, 437 images, labels, batch_size={batch_size})")


def test_accuracy_other_network(submission):
    """accuracy: 다른 신경망과 입력 (N = 53, batch_size = 7)
    accuracy: another network and inputs (N = 53, batch_size = 7)"""
    net = random_network(70, (8, 6, 5, 4))
    x = rng(71).normal(size=(53, 8))
    t = rng(72).integers(0, 4, size=53)
    check_accuracy(submission, net, x, t, 7, f"accuracy(a {describe(net)} network, 53 inputs, labels, batch_size=7)")

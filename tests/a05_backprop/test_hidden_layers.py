"""Hidden suite for a05_backprop, part 1: the layers.

Golden numbers from the slides (apple shopping: 220, 2.2, 110, 200; apple and
orange: 715, 110, 2.2, 3.3, 165, 650) and seeded random arrays compared with the
reference layers. Arrays a test must see changed (or unchanged) after a call
are kept in the worker with ``submission.new`` and read back afterwards.
"""
import numpy as np
import pytest

import layers as ref
from grader.oracle.checks import Fail, Hint, as_array, check_close, check_shape, fail, hints
from grader.messages import msg

COPY_HINT = msg(" 힌트: 받은 배열을 직접 바꾸지 말고 .copy()한 뒤 바꾸세요.",
                " Hint: do not modify the array you were given; .copy() it first.")


def _loss_backward(submission, x, t):
    layer = submission.layers.SoftmaxWithLoss()
    layer.forward(x, t)
    return np.asarray(layer.backward(1), dtype=float)


def batch_hint(submission) -> Hint:
    """Shown when SoftmaxWithLoss.backward gives N times (y - t) / N: the division by N is missing."""
    def holds() -> bool:
        x, labels = rng(60).normal(size=(5, 4)), rng(61).integers(0, 4, size=5)
        t = np.eye(4)[labels]
        r = ref.SoftmaxWithLoss()
        r.forward(x, t)
        return bool(np.allclose(_loss_backward(submission, x, t), 5 * r.backward(1), rtol=1e-6))
    return Hint(msg(" 힌트: 배치 크기 N으로 나누세요: (y - t) / N.", " Hint: divide by the batch size N: (y - t) / N."),
                holds)


def rows_hint(submission) -> Hint:
    """Shown when the softmax inside SoftmaxWithLoss does not make each row of a batch sum to 1 (a
    softmax for one vector only, e.g. one imported from an activations.py that is not batch-aware)."""
    def holds() -> bool:
        x, labels = rng(62).normal(size=(3, 4)), rng(63).integers(0, 4, size=3)
        layer = submission.layers.SoftmaxWithLoss()
        layer.forward(x, labels)
        y = np.asarray(layer.y, dtype=float)
        return y.shape == (3, 4) and not np.allclose(y.sum(axis=1), 1.0)
    return Hint(msg(" 힌트: SoftmaxWithLoss 안의 softmax가 배치의 행마다 합이 1이 되지 않습니다. "
                    "axis=-1, keepdims=True로 행마다 계산하세요 (다른 파일에서 가져온 softmax라면 그 함수를 고치세요).",
                    " Hint: the softmax inside SoftmaxWithLoss does not make each row of a batch sum to 1. Compute it "
                    "per row with axis=-1, keepdims=True (if it is imported from another file, fix it there)."), holds)


def shift_hint(submission) -> Hint:
    """Shown when the loss is right for ordinary scores but not finite for very large ones."""
    def holds() -> bool:
        x, labels = rng(64).normal(size=(3, 4)), rng(65).integers(0, 4, size=3)
        ok = np.isclose(float(np.asarray(submission.layers.SoftmaxWithLoss().forward(x, labels)).reshape(())),
                        ref.SoftmaxWithLoss().forward(x, labels), rtol=1e-6)
        big = x * 400 + 1000  # exp overflows for every row without the shift
        big = float(np.asarray(submission.layers.SoftmaxWithLoss().forward(big, np.argmax(x, axis=1))).reshape(()))
        return bool(ok) and not np.isfinite(big)
    return Hint(msg(" 힌트: softmax에서 행마다 최댓값을 빼세요.", " Hint: subtract each row's maximum inside softmax."), holds)


def rng(seed):
    return np.random.default_rng(1000 + seed)


def pair(got, label):
    """(dx, dy): a tuple, or a list of two (as the public test accepts: return [dx, dy] works the same)."""
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail(f"{label}: (dx, dy) 두 값을 반환해야 합니다.", f"{label}: expected two values (dx, dy), got {type(got).__name__}.")
    return tuple(got)


# ----------------------------------------------------------------- MulLayer / AddLayer
def test_mul_layer_apple(submission):
    """곱셈 계층: 사과 쇼핑 예제 (220, 2.2, 110, 200)
    multiplication layer: the apple-shopping example (220, 2.2, 110, 200)"""
    L = submission.layers
    mul_apple, mul_tax = L.MulLayer(), L.MulLayer()
    price = mul_tax.forward(mul_apple.forward(100, 2), 1.1)
    check_close(as_array(price, "price"), 220.0, "price = (100 * 2) * 1.1", show_expected=True)
    dapple_price, dtax = pair(mul_tax.backward(1), "mul_tax_layer.backward(1)")
    dapple, dapple_num = pair(mul_apple.backward(dapple_price), "mul_apple_layer.backward(dapple_price)")
    check_close(as_array(dapple, "dApple"), 2.2, "dApple", show_expected=True)
    check_close(as_array(dapple_num, "dApple_num"), 110.0, "dApple_num", show_expected=True)
    check_close(as_array(dtax, "dTax"), 200.0, "dTax", show_expected=True)


def test_add_layer_apple_orange(submission):
    """덧셈 계층: 사과와 귤 쇼핑 예제 (715, 110, 2.2, 3.3, 165, 650)
    addition layer: the apple-and-orange example (715, 110, 2.2, 3.3, 165, 650)"""
    # The multiplication nodes are the reference's: this test grades AddLayer alone (MulLayer has its own).
    mul_apple, mul_orange, add, mul_tax = ref.MulLayer(), ref.MulLayer(), submission.layers.AddLayer(), ref.MulLayer()
    # What AddLayer returns is checked before a reference layer computes with it: a None or a string
    # there is the student's result, not a failure of the grader's own code.
    all_price = as_array(add.forward(mul_apple.forward(100, 2), mul_orange.forward(150, 3)),
                         "add_layer.forward(apple_price, orange_price)")
    check_close(all_price, 650.0, "add_layer.forward(apple_price, orange_price)", show_expected=True)
    price = mul_tax.forward(all_price, 1.1)
    check_close(as_array(price, "price"), 715.0, "price", show_expected=True)
    dall, dtax = pair(mul_tax.backward(1), "mul_tax_layer.backward(1)")
    dapple_price, dorange_price = (as_array(v, f"add_layer.backward(dall_price)[{i}]")
                                   for i, v in enumerate(pair(add.backward(dall), "add_layer.backward(dall_price)")))
    dapple, dapple_num = pair(mul_apple.backward(dapple_price), "mul_apple_layer.backward")
    dorange, dorange_num = pair(mul_orange.backward(dorange_price), "mul_orange_layer.backward")
    for value, want, name in [(dapple_num, 110.0, "dApple_num"), (dapple, 2.2, "dApple"), (dorange, 3.3, "dOrange"),
                              (dorange_num, 165.0, "dOrange_num"), (dtax, 650.0, "dTax")]:
        check_close(as_array(value, name), want, name, show_expected=True)


def test_mul_layer_arrays(submission):
    """곱셈 계층: 배열 입력의 순전파와 역전파
    multiplication layer: forward and backward on arrays"""
    x, y, dout = rng(1).normal(size=(3, 4)), rng(2).normal(size=(3, 4)), rng(3).normal(size=(3, 4))
    layer = submission.layers.MulLayer()
    check_close(layer.forward(x, y), x * y, "MulLayer.forward(x, y)")
    dx, dy = pair(layer.backward(dout), "MulLayer.backward(dout)")
    check_close(dx, dout * y, "MulLayer.backward(dout)[0] (dx)")
    check_close(dy, dout * x, "MulLayer.backward(dout)[1] (dy)")


# ----------------------------------------------------------------- Relu / Sigmoid
def test_relu_layer(submission):
    """ReLU 계층: mask로 순전파와 역전파 (x <= 0이면 기울기 0)
    ReLU layer: forward and backward with the mask (no gradient where x <= 0)"""
    x = rng(4).normal(size=(4, 5))
    x[0, :2] = 0.0
    dout = rng(5).normal(size=(4, 5))
    layer, r = submission.layers.Relu(), ref.Relu()
    check_close(layer.forward(x), r.forward(x.copy()), "Relu.forward(x)")
    check_close(layer.backward(dout), r.backward(dout.copy()), "Relu.backward(dout)")


def test_relu_keeps_inputs(submission):
    """ReLU 계층: 받은 x와 dout을 바꾸지 않음
    ReLU layer: leaves the caller's x and dout unchanged"""
    x0, d0 = rng(6).normal(size=(3, 4)), rng(7).normal(size=(3, 4))
    x, dout = submission.new(x0.copy(), "x"), submission.new(d0.copy(), "dout")
    layer, r = submission.layers.Relu(), ref.Relu()
    out = layer.forward(x)
    if not np.array_equal(as_array(x._value(), "x"), x0):
        raise_changed("Relu.forward(x)", "x")
    dx = layer.backward(dout)
    if not np.array_equal(as_array(dout._value(), "dout"), d0):
        raise_changed("Relu.backward(dout)", "dout")
    # Leaving the inputs alone is worth a point only with the right results: a Relu that returns
    # nothing changes nothing.
    check_close(out, r.forward(x0.copy()), "Relu.forward(x)")
    check_close(dx, r.backward(d0.copy()), "Relu.backward(dout)")


def raise_changed(label, name):
    raise Fail(msg(f"{label}: 호출한 쪽의 {name} 배열이 바뀌었습니다.", f"{label}: changed the caller's {name} array.")
               + COPY_HINT)


def test_sigmoid_layer(submission):
    """Sigmoid 계층: 역전파는 dout * y * (1 - y)
    sigmoid layer: backward is dout * y * (1 - y)"""
    x, dout = rng(8).normal(size=(3, 4)), rng(9).normal(size=(3, 4))
    layer, r = submission.layers.Sigmoid(), ref.Sigmoid()
    check_close(layer.forward(x), r.forward(x), "Sigmoid.forward(x)")
    check_close(layer.backward(dout), r.backward(dout), "Sigmoid.backward(dout)")


# ----------------------------------------------------------------- Affine
def _affine(submission, x, seed):
    d = int(np.prod(x.shape[1:]))
    W, b = rng(seed).normal(size=(d, 5)), rng(seed + 1).normal(size=5)
    dout = rng(seed + 2).normal(size=(x.shape[0], 5))
    layer, r = submission.layers.Affine(W, b), ref.Affine(W, b)
    check_close(layer.forward(x), r.forward(x), f"Affine.forward(x of shape {x.shape})")
    dx = as_array(layer.backward(dout), "Affine.backward(dout)")
    want_dx = r.backward(dout)
    check_shape(dx, want_dx.shape, f"Affine.backward(dout) (dx for x of shape {x.shape})")
    check_close(dx, want_dx, f"Affine.backward(dout) (dx for x of shape {x.shape})")
    return layer, r


def test_affine_forward_backward(submission):
    """Affine 계층: out = xW + b, dx, dW
    affine layer: out = xW + b, dx and dW"""
    layer, r = _affine(submission, rng(10).normal(size=(4, 3)), 11)
    check_close(layer.dW, r.dW, "Affine.dW after backward")


def test_affine_db_summed_over_batch(submission):
    """Affine 계층: db는 배치에 대해 합, shape (M,)
    affine layer: db is summed over the batch, shape (M,)"""
    layer, r = _affine(submission, rng(20).normal(size=(6, 3)), 21)
    db = as_array(layer.db, "Affine.db")

    dout = rng(23).normal(size=(6, 5))  # the dout _affine passed (seed + 2)

    def not_summed() -> bool:  # the cause the hint names: db kept per sample, one sample's row, or the mean
        if db.shape == (6, 5):
            return bool(np.allclose(db, dout))
        return db.shape == (5,) and any(np.allclose(db, v) for v in (*dout, dout.mean(axis=0)))
    with hints(Hint(msg(" 힌트: db = np.sum(dout, axis=0)", " Hint: db = np.sum(dout, axis=0)"), not_summed)):
        check_close(db, r.db, "Affine.db after backward")


def test_affine_nd_input(submission):
    """Affine 계층: (N, C, H, W) 입력은 샘플마다 펼치고, dx는 원래 shape으로
    affine layer: (N, C, H, W) input is flattened per sample; dx comes back in that shape"""
    layer, r = _affine(submission, rng(30).normal(size=(2, 3, 2, 2)), 31)
    check_close(layer.dW, r.dW, "Affine.dW for 4-D x")


# ----------------------------------------------------------------- SoftmaxWithLoss
@pytest.mark.parametrize("form, scale", [("one_hot", 1), ("labels", 1), ("labels", 400)],
                         ids=["one_hot", "labels", "large_scores"])
def test_softmax_with_loss_forward(submission, form, scale):
    """Softmax-with-Loss: 순전파 손실 (원-핫/정답 번호, 아주 큰 점수)
    softmax-with-loss: the forward loss (one-hot, class indices, very large scores)"""
    x = rng(40).normal(size=(4, 5)) * scale
    labels = rng(41).integers(0, 5, size=4)
    if scale > 1:
        labels = np.argmax(x, axis=1)  # the answer's probability stays near 1: delta's size does not matter
    t = np.eye(5)[labels] if form == "one_hot" else labels
    label = f"SoftmaxWithLoss.forward(x{' * 400' if scale > 1 else ''}, t as {form})"
    with hints(shift_hint(submission), rows_hint(submission)):
        got = as_array(submission.layers.SoftmaxWithLoss().forward(x, t), label)
        check_close(got.reshape(()) if got.size == 1 else got, ref.SoftmaxWithLoss().forward(x, t), label,
                    rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("form", ["one_hot", "labels"])
def test_softmax_with_loss_backward(submission, form):
    """Softmax-with-Loss: 역전파 (y - t) / N
    softmax-with-loss: backward is (y - t) / N"""
    x = rng(50).normal(size=(6, 4))
    labels = rng(51).integers(0, 4, size=6)
    t = np.eye(4)[labels] if form == "one_hot" else labels
    layer, r = submission.layers.SoftmaxWithLoss(), ref.SoftmaxWithLoss()
    with hints(batch_hint(submission), rows_hint(submission)):
        layer.forward(x, t)
        r.forward(x, t)
        check_close(layer.backward(1), r.backward(1), f"SoftmaxWithLoss.backward(1) (t as {form})", rtol=1e-6)

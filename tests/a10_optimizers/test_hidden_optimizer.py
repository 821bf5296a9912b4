"""Hidden suite for a10_optimizers, part 1: the optimizers of optimizer.py.

Each optimizer is run for several steps on a dict of three arrays of different shapes that lives in
the worker (``submission.new``), with gradients from seeds in this hidden file; after every step the
student's arrays are read back and compared with the oracle's own update rules, written here from
the formulas (Adam with m-hat and v-hat), never from the student's values.

Forms (docs/assignments/a10_optimizers.md): AdaGrad and RMSprop with epsilon inside the square root
(slides) or after it (book, 1e-7); Adam with the bias correction folded into the learning rate (book)
or applied to m and v; Nesterov in the book's ``update(params, grads)`` form or the usual one of
Keras and PyTorch (v = mv - lr g; W += mv - lr g): the two differ from the first step on, and a
student's steps must follow one of them throughout.

Threshold (grading.yml, a10_optimizers.params): ``step_rel_error`` = max |step - step_oracle| /
max |step_oracle|, one step at a time. Every gradient entry is at least 0.2 in size, so AdaGrad's h is
at least 0.04 and RMSprop's at least (1 - 0.99) * 0.04 = 4e-4 (sqrt 0.02): an epsilon of up to 1e-6 after the
root moves a step by at most 5e-5 of its size, and up to 1e-7 inside it by at most eps / (2h) = 1.25e-4;
float32 arrays add about 1e-6. 1e-3 leaves room for that; the mistakes it must catch (a sign, state lost
between calls, RMSprop that never decays, Adam without bias correction) are off by 5% or more within three steps.

Time: the thirteen optimizer tests take about 0.02 s in process (the sandbox's round trips, one a step, cost more);
default limits (5 s a call, 60 s the suite).
"""
import numpy as np

from grader.messages import msg
from grader.oracle.checks import Hint, as_array, check_shape, fail, hints
from grader.sandbox.proxy import Handle

SHAPES = {"W1": (3, 4), "b1": (4,), "W2": (4, 2)}


def rng(seed):
    return np.random.default_rng(1000 + seed)


def start_params(seed):
    g = rng(seed)
    return {key: g.normal(size=shape) for key, shape in SHAPES.items()}


def gradients(seed, steps):
    """Gradients at least 0.2 in size (so epsilon never matters), random signs."""
    g = rng(seed)
    return [{key: g.choice((-1.0, 1.0), size=shape) * g.uniform(0.2, 2.0, size=shape) for key, shape in SHAPES.items()}
            for _ in range(steps)]


# ----------------------------------------------------------------- the oracle's update rules
def sgd(lr=0.01):
    def step(p, g, s, t):
        return p - lr * g
    return [step]


def momentum(lr=0.01, momentum=0.9):
    def step(p, g, s, t):
        s["v"] = momentum * s.get("v", 0.0) - lr * g
        return p + s["v"]
    return [step]


def nesterov(lr=0.01, momentum=0.9):
    def book(p, g, s, t):
        s["v"] = momentum * s.get("v", 0.0) - lr * g
        return p + momentum ** 2 * s["v"] - (1 + momentum) * lr * g

    def keras(p, g, s, t):
        s["v"] = momentum * s.get("v", 0.0) - lr * g
        return p + momentum * s["v"] - lr * g
    return [book, keras]


def adagrad(lr=0.01):
    def step(p, g, s, t):
        s["h"] = s.get("h", 0.0) + g ** 2
        return p - lr * g / np.sqrt(s["h"] + 1e-8)
    return [step]


def rmsprop(lr=0.01, decay_rate=0.99):
    def step(p, g, s, t):
        s["h"] = decay_rate * s.get("h", 0.0) + (1 - decay_rate) * g ** 2
        return p - lr * g / np.sqrt(s["h"] + 1e-8)
    return [step]


def adam(lr=0.001, beta1=0.9, beta2=0.999):
    def step(p, g, s, t):
        s["m"] = beta1 * s.get("m", 0.0) + (1 - beta1) * g
        s["v"] = beta2 * s.get("v", 0.0) + (1 - beta2) * g ** 2
        m_hat, v_hat = s["m"] / (1 - beta1 ** t), s["v"] / (1 - beta2 ** t)
        return p - lr * m_hat / (np.sqrt(v_hat) + 1e-8)
    return [step]


ORACLE = {"SGD": sgd, "Momentum": momentum, "Nesterov": nesterov, "AdaGrad": adagrad, "RMSprop": rmsprop,
          "Adam": adam}


def oracle_trajectory(rule, p0, grads):
    """[params after step 1, after step 2, ...] for one form of an update rule, one state per key."""
    state, p, out = {key: {} for key in p0}, {k: v.copy() for k, v in p0.items()}, []
    for t, g in enumerate(grads, start=1):
        p = {key: rule(p[key], g[key], state[key], t) for key in p}
        out.append(p)
    return out


# ----------------------------------------------------------------- running the student's optimizer
UNCHANGED = msg(" 힌트: update가 params를 바꾸지 않았습니다. 새 딕셔너리를 만들지 말고 params[key] -= ... 처럼 "
                     "받은 배열을 그 자리에서 바꾸세요.",
                     " Hint: update left params unchanged. Do not build a new dict; change the arrays you were given in "
                     "place, as params[key] -= ... does.")


def read_params(handle, label):
    """The student's dict read back from the worker: the same keys, arrays of the same shapes."""
    now = handle._value()
    if not isinstance(now, dict) or set(now) != set(SHAPES):
        fail(f"{label}: params는 키 {sorted(SHAPES)}를 가진 딕셔너리로 남아야 합니다.",
             f"{label}: params must stay a dict with the keys {sorted(SHAPES)}.")
    out = {}
    for key, shape in SHAPES.items():
        out[key] = as_array(now[key], f"{label}: params[{key!r}]").astype(np.float64)
        check_shape(out[key], shape, f"{label}: params[{key!r}]")
    return out


def worker_params(submission, p0):
    """A copy of ``p0`` kept in the worker, so the arrays the student changes in place can be read back.
    The ``--grader-inprocess`` baseline's ``new`` makes an array of anything (it was written for
    arrays); there the dict is wrapped as it is."""
    params = submission.new({k: v.copy() for k, v in p0.items()}, "params")
    if not isinstance(params, Handle):
        params = type(params)({k: v.copy() for k, v in p0.items()})
    return params


def run_student(submission, name, kwargs, p0, grads):
    """The student's params after each step, read back from the worker."""
    params = worker_params(submission, p0)
    opt = getattr(submission.optimizer, name)(**kwargs)
    seen = []
    for t, g in enumerate(grads, start=1):
        opt.update(params, g)
        seen.append(read_params(params, f"{name} step {t}"))
    return seen


def step_error(before, after, want_before, want_after):
    """max |student's step - oracle's step| / max |oracle's step| over every key."""
    diff = max(float(np.max(np.abs((after[k] - before[k]) - (want_after[k] - want_before[k])))) for k in after)
    size = max(float(np.max(np.abs(want_after[k] - want_before[k]))) for k in after)
    return diff / max(size, 1e-12)


def check_steps(submission, name, kwargs, seed, steps, threshold):
    p0, grads = start_params(seed), gradients(seed + 1, steps)
    seen = run_student(submission, name, kwargs, p0, grads)
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    failures = []  # (first failing step, its error) for each accepted form
    for rule in ORACLE[name](**kwargs):
        want = oracle_trajectory(rule, p0, grads)
        errors = [step_error(seen[t - 1] if t else p0, seen[t], want[t - 1] if t else p0, want[t]) for t in range(steps)]
        bad = [t for t, err in enumerate(errors) if not err <= threshold]
        if not bad:
            return
        failures.append((bad[0], errors[bad[0]]))
    t, err = max(failures, key=lambda f: f[0])  # the form the student followed longest
    unchanged = all(np.array_equal(seen[t][k], (seen[t - 1] if t else p0)[k]) for k in p0)
    hint = Hint(UNCHANGED, lambda: unchanged)
    with hints(hint):
        fail(f"{name}({args}): {t + 1}번째 update의 변화량이 정답과 다릅니다 (가장 큰 변화량 대비 오차 {err:.3g}, "
             f"허용 {threshold:g}).",
             f"{name}({args}): step {t + 1} of update moved params differently from the expected rule (error "
             f"{err:.3g} of the largest step, allowed {threshold:g}).")


# ----------------------------------------------------------------- tests
BOOK_DEFAULTS = {"SGD": {"lr": 0.01}, "Momentum": {"lr": 0.01, "momentum": 0.9}, "Nesterov": {"lr": 0.01, "momentum": 0.9},
                 "AdaGrad": {"lr": 0.01}, "RMSprop": {"lr": 0.01, "decay_rate": 0.99},
                 "Adam": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999}}
CHOSEN = {"SGD": {"lr": 0.1}, "Momentum": {"lr": 0.1, "momentum": 0.8}, "Nesterov": {"lr": 0.1, "momentum": 0.8},
          "AdaGrad": {"lr": 0.5}, "RMSprop": {"lr": 0.05, "decay_rate": 0.9}, "Adam": {"lr": 0.01, "beta1": 0.8, "beta2": 0.99}}


def test_sgd_update(submission, grading_params):
    """SGD: W <- W - lr * dW (여러 번, 키가 여러 개인 params)
    SGD: W <- W - lr * dW (several steps, params with several keys)"""
    check_steps(submission, "SGD", CHOSEN["SGD"], 0, 3, grading_params["step_rel_error"])


def test_momentum_first_step(submission, grading_params):
    """Momentum: 첫 update (v = 0에서 시작)
    Momentum: the first update (v starts at 0)"""
    check_steps(submission, "Momentum", CHOSEN["Momentum"], 10, 1, grading_params["step_rel_error"])


def test_momentum_keeps_velocity(submission, grading_params):
    """Momentum: v = momentum * v - lr * dW를 호출 사이에 키마다 유지
    Momentum: v = momentum * v - lr * dW kept per key between calls"""
    check_steps(submission, "Momentum", CHOSEN["Momentum"], 12, 6, grading_params["step_rel_error"])


def test_nesterov_first_step(submission, grading_params):
    """Nesterov: 첫 update (책의 형태 또는 v = mv - lr g; W += mv - lr g)
    Nesterov: the first update (the book's form, or v = mv - lr g; W += mv - lr g)"""
    check_steps(submission, "Nesterov", CHOSEN["Nesterov"], 20, 1, grading_params["step_rel_error"])


def test_nesterov_several_steps(submission, grading_params):
    """Nesterov: 여러 번 update, 속도를 호출 사이에 유지
    Nesterov: several updates, the velocity kept between calls"""
    check_steps(submission, "Nesterov", CHOSEN["Nesterov"], 22, 6, grading_params["step_rel_error"])


def test_adagrad_first_step(submission, grading_params):
    """AdaGrad: 첫 update
    AdaGrad: the first update"""
    check_steps(submission, "AdaGrad", CHOSEN["AdaGrad"], 30, 1, grading_params["step_rel_error"])


def test_adagrad_accumulates(submission, grading_params):
    """AdaGrad: h += dW * dW를 호출 사이에 누적
    AdaGrad: h += dW * dW accumulated between calls"""
    check_steps(submission, "AdaGrad", CHOSEN["AdaGrad"], 32, 6, grading_params["step_rel_error"])


def test_rmsprop_first_step(submission, grading_params):
    """RMSprop: 첫 update
    RMSprop: the first update"""
    check_steps(submission, "RMSprop", CHOSEN["RMSprop"], 40, 1, grading_params["step_rel_error"])


def test_rmsprop_decays(submission, grading_params):
    """RMSprop: h = decay_rate * h + (1 - decay_rate) * dW * dW (오래된 기울기는 잊음)
    RMSprop: h = decay_rate * h + (1 - decay_rate) * dW * dW (old gradients fade)"""
    check_steps(submission, "RMSprop", CHOSEN["RMSprop"], 42, 6, grading_params["step_rel_error"])


def test_adam_first_step(submission, grading_params):
    """Adam: 첫 update (편향 보정으로 첫 걸음의 크기는 약 lr)
    Adam: the first update (with bias correction the first step is about lr in size)"""
    check_steps(submission, "Adam", CHOSEN["Adam"], 50, 1, grading_params["step_rel_error"])


def test_adam_several_steps(submission, grading_params):
    """Adam: 여러 번 update, m, v와 반복 횟수를 호출 사이에 유지
    Adam: several updates, m, v and the step count kept between calls"""
    check_steps(submission, "Adam", CHOSEN["Adam"], 52, 6, grading_params["step_rel_error"])


def test_default_hyperparameters(submission, grading_params):
    """기본값: SGD(lr=0.01), Momentum/Nesterov(0.01, 0.9), AdaGrad(0.01), RMSprop(0.01, 0.99), Adam(0.001, 0.9, 0.999)
    defaults: SGD(lr=0.01), Momentum/Nesterov(0.01, 0.9), AdaGrad(0.01), RMSprop(0.01, 0.99), Adam(0.001, 0.9, 0.999)"""
    # The student's own optimizer with no arguments must move exactly as with the book's values written out,
    # and its first step must be right, so that a mistake in a rule costs its own tests, not this one.
    for i, (name, defaults) in enumerate(BOOK_DEFAULTS.items()):
        p0, grads = start_params(60 + i), gradients(70 + i, 3)
        check_steps(submission, name, defaults, 60 + i, 1, grading_params["step_rel_error"])
        plain, spelled = run_student(submission, name, {}, p0, grads), run_student(submission, name, defaults, p0, grads)
        if not all(np.allclose(a[k], b[k], rtol=1e-12, atol=0) for a, b in zip(plain, spelled, strict=False) for k in a):
            args = ", ".join(f"{k}={v}" for k, v in defaults.items())
            fail(f"{name}(): 기본값으로 만든 옵티마이저가 {name}({args})와 다르게 움직입니다. 생성자의 기본값을 확인하세요.",
                 f"{name}(): with no arguments it moves differently from {name}({args}); check the constructor's defaults.")


def test_updates_in_place(submission, grading_params):
    """모든 옵티마이저: params의 배열을 그 자리에서 바꿈 (params[key] -= ...), 첫 update의 값도 맞아야 함
    every optimizer changes the arrays of params in place (params[key] -= ...), its first update right too"""
    threshold = grading_params["step_rel_error"]
    for i, (name, kwargs) in enumerate(CHOSEN.items()):
        p0, grads = start_params(80 + i), gradients(90 + i, 1)
        params = worker_params(submission, p0)
        arrays = {key: params._item_ref(key) for key in SHAPES}
        getattr(submission.optimizer, name)(**kwargs).update(params, grads[0])
        now = read_params(params, f"{name}: update")
        wants = [oracle_trajectory(rule, p0, grads)[-1] for rule in ORACLE[name](**kwargs)]
        if not any(step_error(p0, now, p0, want) <= threshold for want in wants):
            # (the hint is probed inside this with block, in this iteration: the loop's own now and p0)
            with hints(Hint(UNCHANGED, lambda: all(np.array_equal(now[k], p0[k]) for k in p0))):  # noqa: B023
                fail(f"{name}: update 한 번 뒤 params의 값이 정답과 다릅니다.",
                     f"{name}: params after one update differ from the expected values.")
        for key, ref in arrays.items():
            if not np.array_equal(as_array(ref._value(), f"{name}: params[{key!r}]"), now[key]):
                fail(f"{name}.update: params[{key!r}]에 새 배열을 넣었습니다. 신경망의 계층은 원래 배열을 가리키므로 "
                     f"params[key] -= ... 처럼 그 자리에서 바꾸세요 (params[key] = params[key] - ...는 안 됩니다).",
                     f"{name}.update put a new array into params[{key!r}]. A network's layers hold the original "
                     f"arrays, so change them in place with params[key] -= ... (not params[key] = params[key] - ...).")

"""Hidden suite for a10_optimizers, part 2: Xavier and He initialisation (weight_init.py).

The arrays are drawn by the student's code with ``np.random`` after ``np.random.seed`` with seeds
from this hidden file, and checked statistically: shape (n_in, n_out), mean 0, the standard
deviation of one of the accepted forms, and the distribution's shape (normal: about 4.6% of the
values beyond 2 sigma; uniform: every value within r = sqrt(3) sigma, the largest near r).

Forms (docs/assignments/a10_optimizers.md): Xavier sigma = sqrt(2 / (n_in + n_out)) (slides) or
1 / sqrt(n_in) (book); uniform r = sqrt(3) sigma, i.e. sqrt(6 / (n_in + n_out)) or sqrt(3 / n_in);
He = sqrt(2) times either (sqrt(4 / (n_in + n_out)) or the book's sqrt(2 / n_in)). Either form is
accepted on every shape: the grader cannot tell where the slides' "similar fans" ends.

Tolerances, for n = 40000 values: the sample standard deviation's relative error is about
1 / sqrt(2n) = 0.35% (normal) or 0.32% (uniform), so 3% is 8 standard errors; the nearest wrong
value (He without the factor 2 against the book's He, 0.0632 vs 0.0707) is 11% away. The mean
may be 6 standard errors (6 sigma / sqrt(n)) from 0. The share beyond 2 sigma is 4.55% with a
standard error of 0.10%, allowed 3.5-5.6%; a uniform has none there. Chance failure below 1e-8.

Time: under 0.05 s in process for this file's tests; default limits (5 s a call, 60 s the suite).
"""
import numpy as np

from grader.messages import msg
from grader.oracle.checks import Hint, as_array, check_shape, fail, hints

SEED = 5021
STD_TOLERANCE = 0.03


def xavier_sigmas(n_in, n_out):
    return {"sqrt(2 / (n_in + n_out))": np.sqrt(2.0 / (n_in + n_out)), "1 / sqrt(n_in)": 1.0 / np.sqrt(n_in)}


def he_sigmas(n_in, n_out):
    return {"sqrt(4 / (n_in + n_out))": np.sqrt(4.0 / (n_in + n_out)), "sqrt(2 / n_in)": np.sqrt(2.0 / n_in)}


SIGMAS = {"xavier_init": xavier_sigmas, "he_init": he_sigmas}


def draw(submission, name, n_in, n_out, uniform, seed):
    submission.seed(seed)
    function = getattr(submission.weight_init, name)
    label = f"{name}({n_in}, {n_out}{', uniform=True' if uniform else ''})"
    w = as_array(function(n_in, n_out, uniform=True) if uniform else function(n_in, n_out), label)
    check_shape(w, (n_in, n_out), label)
    return w.astype(np.float64), label


def without_factor_2(name, n_in, n_out, std) -> Hint:
    """Shown when He's spread is Xavier's: the factor sqrt(2) is missing."""
    xavier = xavier_sigmas(n_in, n_out).values()
    return Hint(msg(" 힌트: 표준편차가 Xavier의 값입니다. He는 Xavier의 sqrt(2)배입니다.",
                    " Hint: the standard deviation is Xavier's. He is sqrt(2) times Xavier."),
                lambda: name == "he_init" and any(abs(std / s - 1) <= STD_TOLERANCE for s in xavier))


def check_init(submission, name, n_in, n_out, uniform, seed):
    w, label = draw(submission, name, n_in, n_out, uniform, seed)
    std, n = float(w.std()), w.size
    forms = SIGMAS[name](n_in, n_out)
    matching = [s for s in forms.values() if abs(std / s - 1) <= STD_TOLERANCE]
    if not matching:
        wanted = " / ".join(f"{formula} = {s:.4g}" for formula, s in forms.items())
        with hints(without_factor_2(name, n_in, n_out, std)):
            fail(f"{label}: 표준편차 {std:.4g}, 기대값 {wanted}.", f"{label}: standard deviation {std:.4g}, expected {wanted}.")
    sigma = matching[0]
    if abs(float(w.mean())) > 6 * sigma / np.sqrt(n):
        fail(f"{label}: 평균 {float(w.mean()):.3g}이(가) 0에서 너무 멉니다.", f"{label}: the mean {float(w.mean()):.3g} is too far from 0.")
    if uniform:
        r = np.sqrt(3.0) * sigma
        if float(np.max(np.abs(w))) > r * (1 + 1e-9) or float(np.max(np.abs(w))) < 0.99 * r:
            fail(f"{label}: 균등분포 U(-r, r), r = sqrt(3) * 표준편차 = {r:.4g}에서 뽑아야 합니다 "
                 f"(가장 큰 |값| {float(np.max(np.abs(w))):.4g}).",
                 f"{label}: draw from the uniform U(-r, r), r = sqrt(3) * sigma = {r:.4g} "
                 f"(largest |value| {float(np.max(np.abs(w))):.4g}).")
    else:
        beyond = float(np.mean(np.abs(w) > 2 * sigma))
        if not 0.035 <= beyond <= 0.056:
            fail(f"{label}: 정규분포에서 뽑아야 합니다 (2 표준편차 밖의 값 {beyond:.1%}, 정규분포는 약 4.6%).",
                 f"{label}: draw from a normal distribution ({beyond:.1%} of the values beyond 2 sigma; a normal has about 4.6%).")
    return w


def test_xavier_normal(submission):
    """xavier_init: 정규분포, 표준편차 sqrt(2 / (n_in + n_out)) (또는 책의 1 / sqrt(n_in)), shape (n_in, n_out)
    xavier_init: normal, sigma sqrt(2 / (n_in + n_out)) (or the book's 1 / sqrt(n_in)), shape (n_in, n_out)"""
    for i, (n_in, n_out) in enumerate(((200, 200), (400, 100), (100, 400))):
        check_init(submission, "xavier_init", n_in, n_out, False, SEED + i)


def test_xavier_uniform(submission):
    """xavier_init(uniform=True): U(-r, r), r = sqrt(6 / (n_in + n_out))
    xavier_init(uniform=True): U(-r, r), r = sqrt(6 / (n_in + n_out))"""
    for i, (n_in, n_out) in enumerate(((200, 200), (80, 500))):
        check_init(submission, "xavier_init", n_in, n_out, True, SEED + 10 + i)


def test_he_normal(submission):
    """he_init: 정규분포, Xavier의 sqrt(2)배 (책: sqrt(2 / n_in))
    he_init: normal, sqrt(2) times Xavier (the book: sqrt(2 / n_in))"""
    for i, (n_in, n_out) in enumerate(((200, 200), (400, 100), (100, 400))):
        check_init(submission, "he_init", n_in, n_out, False, SEED + 20 + i)


def test_he_uniform(submission):
    """he_init(uniform=True): U(-r, r), r = sqrt(12 / (n_in + n_out)) (또는 sqrt(6 / n_in))
    he_init(uniform=True): U(-r, r), r = sqrt(12 / (n_in + n_out)) (or sqrt(6 / n_in))"""
    for i, (n_in, n_out) in enumerate(((200, 200), (500, 80))):
        check_init(submission, "he_init", n_in, n_out, True, SEED + 30 + i)


def test_init_follows_np_random_seed(submission):
    """np.random으로 뽑음: 같은 시드면 같은 배열, 다음 호출은 다른 배열
    drawn with np.random: the same seed gives the same array, the next call a new one"""
    for i, name in enumerate(SIGMAS):
        first = check_init(submission, name, 200, 200, False, SEED + 40 + i)
        again, label = draw(submission, name, 200, 200, False, SEED + 40 + i)
        if not np.array_equal(first, again):
            fail(f"{label}: np.random.seed가 같은데 다른 배열이 나왔습니다. np.random(예: np.random.randn)으로 뽑으세요.",
                 f"{label}: the same np.random.seed gave a different array. Draw with np.random (e.g. np.random.randn).")
        following = as_array(getattr(submission.weight_init, name)(200, 200), label)
        if np.array_equal(np.asarray(following, dtype=np.float64), first):
            fail(f"{label}: 두 번째 호출이 같은 배열을 반환했습니다. 호출할 때마다 새로 뽑으세요.",
                 f"{label}: a second call returned the same array. Draw new values on every call.")

"""Assertion helpers for hidden tests: bilingual messages that never print hidden answers.

A failed check raises :class:`Fail`. Its message says what was expected (shape,
dtype, a property, or a value the course itself published) and what came back,
and for comparisons on hidden random inputs only *where* and *how far* the
student's values are off, not the reference values themselves.

Hidden suites import it as ``grader.oracle.checks`` (the hidden-test guide's path); it lives here,
below the kits, because the kits' suite helpers (``kits.keras.lab``, ``kits.keras.checks``) raise
these failures too and the oracle's plugin, which catches them, uses the kits' hooks: in ``oracle/``
it would tie the two in a loop.
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NoReturn

import numpy as np

from grader.messages import Message, msg
from grader.sandbox.proxy import Handle, SandboxError


class Fail(AssertionError):
    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


class Partial(Fail):
    """A failed check that still earns ``fraction`` of the test's points (an accuracy ramp)."""

    def __init__(self, message: Message, fraction: float) -> None:
        super().__init__(message)
        self.fraction = min(1.0, max(0.0, float(fraction)))


def fail(ko: str, en: str) -> NoReturn:
    raise Fail(msg(ko, en))


@dataclass(frozen=True)
class Hint:
    """A cause-specific hint and the check that it is the cause, run on the student's own code.

    ``holds`` probes the submission (more calls, on inputs of the hint's choosing) and says whether
    the cause the hint names is really there: a hint is never shown because a check failed, only
    because its cause was found. Any error while probing means "not shown".
    """

    message: Message
    holds: Callable[[], bool]


@contextlib.contextmanager
def hints(*candidates: Hint) -> Iterator[None]:
    """Run a test's checks; if they fail, or the student's code raises, add every hint whose cause
    :meth:`Hint.holds` on the student's code. The hint survives an exception in the student's code."""
    try:
        yield
    except (Fail, SandboxError) as exc:
        found = [h.message for h in candidates if _holds(h)]
        if found:
            for m in found:
                exc.message = exc.message + m  # hints start with a space: " Hint: ..."
            exc.args = (exc.message.en,)
        raise


def _holds(hint: Hint) -> bool:
    try:
        return bool(hint.holds())
    except Exception:  # noqa: BLE001 - a probe that fails proves nothing
        return False


def shown(x: Any) -> str:
    """A value as messages show it: floats to 6 significant digits, a 0-d array as its number
    (numpy prints ``array(6.)`` as "6.", which doubled the sentence's period: "expected 6., got 0..")."""
    if isinstance(x, (np.floating, float)):
        return f"{float(x):.6g}"
    if isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype.kind in "biuf":
        return shown(x.item())
    if isinstance(x, np.ndarray):
        return np.array2string(x, precision=6, separator=", ", threshold=12)
    return repr(x)


def kind_of(value: Any) -> str:
    if isinstance(value, Handle):
        return f"an object of type {value._type}"
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {value.shape} and dtype {value.dtype}"
    return f"a value of type {type(value).__name__}"


def as_array(got: Any, label: str) -> np.ndarray:
    """Accept numbers, numpy scalars, arrays (and lists of numbers); anything else fails, saying what
    came back (a tuple is named as one: the book's gradient_descent returns (x, x_history))."""
    if isinstance(got, tuple) and got and not all(isinstance(v, (int, float, np.number)) for v in got):
        kinds = ", ".join(kind_of(v).replace("a value of type ", "") for v in got[:3])
        fail(f"{label}: 숫자나 numpy 배열 하나를 반환해야 하는데 값 {len(got)}개의 튜플({kinds})을 반환했습니다. "
             "하나만 반환하세요 (예: return x).",
             f"{label}: expected a number or numpy array, got a tuple of {len(got)} values ({kinds}). "
             "Return just the one value (e.g. return x).")
    if isinstance(got, Handle) or got is None or isinstance(got, (str, bytes, dict)):
        fail(f"{label}: 숫자나 numpy 배열을 반환해야 하는데 {kind_of(got)}을(를) 반환했습니다.",
             f"{label}: expected a number or numpy array, got {kind_of(got)}.")
    try:
        arr = np.asarray(got)
    except (ValueError, TypeError):
        fail(f"{label}: 반환값을 배열로 바꿀 수 없습니다.", f"{label}: the returned value is not array-like.")
    if arr.dtype.kind not in "biuf":
        fail(f"{label}: 숫자 배열을 반환해야 하는데 dtype {arr.dtype}을(를) 반환했습니다.",
             f"{label}: expected numbers, got an array of dtype {arr.dtype}.")
    return arr


def check_shape(arr: np.ndarray, shape: tuple[int, ...], label: str) -> None:
    if arr.shape != tuple(shape):
        fail(f"{label}: 결과의 shape이 {tuple(shape)}이어야 하는데 {arr.shape}입니다.",
             f"{label}: expected shape {tuple(shape)}, got {arr.shape}.")


def check_finite(arr: np.ndarray, label: str, hint: Message | None = None) -> None:
    bad = ~np.isfinite(arr.astype(np.float64))
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        where = f" at index {idx}" if arr.ndim else ""
        m = msg(f"{label}: 결과에 nan 또는 inf가 있습니다{where} (값: {shown(arr[idx] if arr.ndim else arr)}).",
                f"{label}: the result contains nan or inf{where} (value: {shown(arr[idx] if arr.ndim else arr)}).")
        raise Fail(m + hint if hint else m)


def check_close(got: Any, expected: Any, label: str, *, rtol: float = 1e-6, atol: float = 1e-8,
                show_expected: bool = False, hint: Message | None = None) -> np.ndarray:
    """Compare numerically. ``show_expected`` only for values the course itself published."""
    arr = as_array(got, label)
    exp = np.asarray(expected)
    try:
        check_shape(arr, exp.shape, label)
    except Fail as exc:
        raise Fail(exc.message + hint if hint else exc.message) from None
    if np.isfinite(exp).all():
        check_finite(arr, label, hint)
    close = np.isclose(arr.astype(np.float64), exp.astype(np.float64), rtol=rtol, atol=atol)
    if close.all():
        return arr
    wrong = ~close
    n_wrong, n = int(wrong.sum()), int(wrong.size)
    if arr.ndim:
        idx = tuple(int(i) for i in np.argwhere(wrong)[0])
        got_at, where = arr[idx], f" at index {idx}"
    else:
        got_at, where = arr, ""
    err = float(np.max(np.abs(arr.astype(np.float64) - exp.astype(np.float64))[wrong]))
    if show_expected:
        m = msg(f"{label}: 기대값 {shown(exp)}, 실제 반환값 {shown(arr)}.",
                f"{label}: expected {shown(exp)}, got {shown(arr)}.")
    elif arr.size == 1:
        # One hidden value: the error's size and the value returned together would give the answer
        # away, so only its direction and a coarse size are said.
        m = _scalar_off(label, float(arr.reshape(())), float(exp.reshape(())))
    else:
        m = msg(f"{label}: {n}개 값 중 {n_wrong}개가 정답과 다릅니다 (최대 오차 {err:.3g}). "
                f"처음 틀린 곳{where}: 반환값 {shown(got_at)}.",
                f"{label}: {n_wrong} of {n} values differ from the expected ones (largest error {err:.3g}); "
                f"first{where}: got {shown(got_at)}.")
    raise Fail(m + hint if hint else m)


def _scalar_off(label: str, got: float, want: float) -> Message:
    ratio = abs(got - want) / max(abs(want), 1e-12)
    way_ko, way_en = ("큽니다", "too large") if got > want else ("작습니다", "too small")
    size_ko, off_en = ("조금", f"slightly {way_en} (under 1%)") if ratio < 0.01 else \
        ("1~10% 정도", f"{way_en} by 1-10%") if ratio < 0.1 else \
        ("10~100% 정도", f"{way_en} by 10-100%") if ratio < 1 else ("두 배 이상", f"{way_en} by 100% or more")
    return msg(f"{label}: 반환값 {shown(got)}이(가) 정답보다 {size_ko} {way_ko}.",
               f"{label}: got {shown(got)}, {off_en}.")


def check_int01(got: Any, want: int, label: str) -> None:
    """Gate outputs: must be the int 0 or 1 (a Python int or numpy integer, not bool/float)."""
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
        fail(f"{label}: 정수 0 또는 1을 반환해야 하는데 {kind_of(got)} ({shown(got)})을(를) 반환했습니다.",
             f"{label}: expected the int 0 or 1, got {kind_of(got)} ({shown(got)}).")
    if int(got) != want:
        fail(f"{label}: 기대값 {want}, 실제 반환값 {int(got)}.", f"{label}: expected {want}, got {int(got)}.")

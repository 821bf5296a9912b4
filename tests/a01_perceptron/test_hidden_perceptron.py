"""Hidden suite for a01_perceptron.

Points live in grading.yml. Each test's docstring: line 1 Korean, line 2 English
(the name a student sees). Truth tables are public course material, so failure
messages may show the expected output.
"""
import pytest

import perceptron as ref
from grader.oracle.checks import as_array, check_int01, fail

ROWS = [(0, 0), (1, 0), (0, 1), (1, 1)]


def _table(submission, gate: str, row):
    """Value only: a gate returning True/1.0 loses the points of test_gates_return_int, not these."""
    x1, x2 = row
    got = getattr(submission.perceptron, gate)(x1, x2)
    want = getattr(ref, gate)(x1, x2)
    label = f"{gate}({x1}, {x2})"
    arr = as_array(got, label)
    if arr.size != 1 or arr.reshape(()) != want:
        fail(f"{label}: 기대값 {want}, 실제 반환값 {got!r}.", f"{label}: expected {want}, got {got!r}.")


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r[0]}{r[1]}")
def test_and(submission, row):
    """AND 게이트 진리표
    AND gate truth table"""
    _table(submission, "AND", row)


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r[0]}{r[1]}")
def test_nand(submission, row):
    """NAND 게이트 진리표
    NAND gate truth table"""
    _table(submission, "NAND", row)


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r[0]}{r[1]}")
def test_or(submission, row):
    """OR 게이트 진리표
    OR gate truth table"""
    _table(submission, "OR", row)


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r[0]}{r[1]}")
def test_xor(submission, row):
    """XOR 게이트 진리표
    XOR gate truth table"""
    _table(submission, "XOR", row)


def test_gates_return_int(submission):
    """게이트는 bool이나 float가 아닌 int 0/1을 반환
    gates return the int 0/1, not a bool or a float"""
    for gate in ("AND", "NAND", "OR", "XOR"):
        for x1, x2 in ROWS:
            got = getattr(submission.perceptron, gate)(x1, x2)
            check_int01(got, getattr(ref, gate)(x1, x2), f"{gate}({x1}, {x2})")


def test_gates_accept_numpy_inputs(submission):
    """게이트는 numpy 정수/실수 입력도 처리
    gates also take numpy ints and floats as inputs"""
    import numpy as np

    for gate in ("AND", "NAND", "OR"):
        for x1, x2 in ROWS:
            for conv in (np.int64, np.float64, float):
                got = getattr(submission.perceptron, gate)(conv(x1), conv(x2))
                want = getattr(ref, gate)(x1, x2)
                label = f"{gate}({conv.__name__}({x1}), {conv.__name__}({x2}))"
                if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)) or int(got) != want:
                    fail(f"{label}: 기대값 {want}, 실제 반환값 {got!r}.", f"{label}: expected {want}, got {got!r}.")


# Stand-in gates for test_xor_is_built_from_gates: each is symmetric (so AND(s1, s2) and AND(s2, s1)
# are alike) and each set gives a composition AND'(NAND'(x1, x2), OR'(x1, x2)) that differs from XOR.
def _gate(t00, t01, t11):
    return lambda x1, x2: (t00, t01, t11)[int(x1) + int(x2)]


STAND_INS = [
    {"NAND": _gate(0, 1, 1), "OR": _gate(0, 0, 1), "AND": _gate(1, 1, 0)},  # OR, AND, NAND tables: NAND
    {"NAND": _gate(1, 0, 1), "OR": _gate(1, 1, 0), "AND": _gate(0, 0, 1)},  # composition: NOT XOR
    {"NAND": _gate(0, 0, 0), "OR": _gate(1, 1, 1), "AND": _gate(0, 1, 1)},  # composition: always 1
]


def test_xor_is_built_from_gates(submission):
    """XOR은 NAND, OR, AND를 조합해서 구현 (2층 퍼셉트론)
    XOR is built from NAND, OR and AND (a 2-layer perceptron)"""
    mod = submission.perceptron
    originals = {g: mod._attr_ref(g) for g in ("NAND", "OR", "AND")}
    calls = {g: 0 for g in originals}
    wrong = None

    def spy(name, table):
        def gate(x1, x2):
            calls[name] += 1
            return table[name](x1, x2)
        return gate

    try:
        for table in STAND_INS:
            for g in originals:
                setattr(mod, g, spy(g, table))
            for x1, x2 in ROWS:
                got = mod.XOR(x1, x2)
                want = table["AND"](table["NAND"](x1, x2), table["OR"](x1, x2))
                arr = as_array(got, f"XOR({x1}, {x2})")
                if wrong is None and (arr.size != 1 or arr.reshape(()) != want):
                    wrong = (x1, x2, got, want)
    finally:
        for g, h in originals.items():
            setattr(mod, g, h)
    unused = [g for g, n in calls.items() if n == 0]
    if unused:
        fail(f"XOR이 {', '.join(unused)} 게이트를 호출하지 않았습니다. 진리표나 비교 연산 대신 "
             f"NAND, OR, AND를 조합하세요 (2층 퍼셉트론).",
             f"XOR never called {', '.join(unused)}. Build it from NAND, OR and AND "
             f"(a 2-layer perceptron), not from a truth table or a comparison.")
    if wrong is not None:
        x1, x2, got, want = wrong
        fail(f"XOR의 결과가 게이트들의 출력에서 나오지 않습니다: 채점기가 NAND, OR, AND를 다른 게이트로 바꾸자 "
             f"XOR({x1}, {x2})이 {got!r}을(를) 반환했지만, 그 게이트들의 조합 AND(NAND(x1, x2), OR(x1, x2))는 "
             f"{want}입니다. 게이트를 호출한 결과로 XOR을 만드세요.",
             f"XOR's result does not come from the gates: with NAND, OR and AND replaced by other gates, "
             f"XOR({x1}, {x2}) returned {got!r}, while their combination AND(NAND(x1, x2), OR(x1, x2)) is {want}. "
             f"Compute XOR from what the gates return.")

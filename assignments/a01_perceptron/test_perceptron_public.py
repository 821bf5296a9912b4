"""공개 테스트 (채점용 숨은 테스트는 더 많습니다) / Public tests (the hidden grading tests check more).

실행 / run:  pytest test_perceptron_public.py
"""
import pytest

from perceptron import AND, NAND, OR, XOR

ROWS = [(0, 0), (1, 0), (0, 1), (1, 1)]


@pytest.mark.parametrize("gate, outputs", [(AND, [0, 0, 0, 1]), (NAND, [1, 1, 1, 0]),
                                           (OR, [0, 1, 1, 1]), (XOR, [0, 1, 1, 0])])
def test_truth_table(gate, outputs):
    assert [gate(x1, x2) for x1, x2 in ROWS] == outputs

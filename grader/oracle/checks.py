"""The hidden suites' import path for :mod:`grader.checks` (``from grader.oracle.checks import fail``,
as the hidden-test guide shows and every course's suites write): the module itself lives below the
kits, whose suite helpers raise its failures too. Kept for the suites; the grader's own code imports
``grader.checks``."""
from grader.checks import (
                           Fail,
                           Hint,
                           Partial,
                           as_array,
                           check_close,
                           check_finite,
                           check_int01,
                           check_shape,
                           fail,
                           hints,
                           kind_of,
                           shown,
)

__all__ = ["Fail", "Hint", "Partial", "as_array", "check_close", "check_finite", "check_int01", "check_shape", "fail",
           "hints", "kind_of", "shown"]

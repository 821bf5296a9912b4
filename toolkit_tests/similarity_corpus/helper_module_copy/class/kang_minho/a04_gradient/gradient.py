"""수치 미분 과제 (강민호): the functions live in numeric_tools.py."""
from numeric_tools import gradient_descent, numerical_diff, numerical_gradient  # noqa: F401

"""dlgrader: a pytest-based autograder for a from-scratch deep-learning course.

Kept import-light on purpose: the sandboxed worker imports ``grader.codec`` and
``grader._worker`` and must not pay for YAML, pytest or rich.
"""
__version__ = "0.1.0"

"""dlgrader: a pytest-based autograder for a from-scratch deep-learning course.

Kept import-light on purpose: the sandboxed worker imports ``grader.sandbox.codec`` and
``grader.sandbox._worker`` and must not pay for YAML, pytest or rich.
"""
from pathlib import Path

__version__ = "0.1.0"
PACKAGE_DIR = Path(__file__).resolve().parent  # the grader's own code: hashed by the cache, readable by the worker

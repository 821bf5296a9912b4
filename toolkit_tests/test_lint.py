"""mypy and ruff stay clean: both run with the project's configuration (pyproject.toml), so the
README's test command checks types and lint the same way a developer's `mypy` / `ruff check` does."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# What ruff covers: the grader, the hidden suites and the toolkit's own code. Student-like code (the corpus,
# examples/, reference/, assignments/, similarity/) is excluded in pyproject.toml, even where a path here holds it.
RUFF_PATHS = ["grader", "toolkit_tests", "tests", "tools", "benchmarks"]


def _check(name: str, *args: str) -> None:
    """Run ``python -m name args`` from the root; fail with the checker's own output, nothing else."""
    done = subprocess.run([sys.executable, "-m", name, *args], cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.fail(f"{name} found problems (exit {done.returncode}):\n{done.stdout}{done.stderr}", pytrace=False)


def test_mypy_is_clean():
    """`mypy` with no paths checks `files` from [tool.mypy] (grader/)."""
    _check("mypy", "--no-color-output")


def test_ruff_check_is_clean():
    _check("ruff", "check", "--no-cache", "--output-format", "concise", *RUFF_PATHS)

"""mypy and ruff stay clean: both run with the project's configuration (pyproject.toml), so the
README's test command checks types and lint the same way a developer's `mypy` / `ruff check` does."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What ruff covers: the grader, the hidden suites and the toolkit's own code. Student-like code (the corpus,
# examples/, reference/, assignments/, similarity/) is excluded in pyproject.toml, even where a path here holds it.
RUFF_PATHS = ["grader", "toolkit_tests", "tests", "tools", "benchmarks"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_mypy_is_clean():
    """`mypy` with no paths checks `files` from [tool.mypy] (grader/)."""
    done = _run("mypy", "--no-color-output", "--no-error-summary")
    assert done.returncode == 0, f"mypy found problems:\n{done.stdout}{done.stderr}"


def test_ruff_check_is_clean():
    done = _run("ruff", "check", "--no-cache", "--output-format", "concise", *RUFF_PATHS)
    assert done.returncode == 0, f"ruff found problems:\n{done.stdout}{done.stderr}"

"""The README's two commands stay true: CI runs the README's test command verbatim."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_has_two_commands_and_ci_runs_the_test_one():
    main, tests = _commands()
    assert main.startswith("python3 -m pip install -e '.[keras]' && grade ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines(), f"{tests!r} is not a line of .ci/run"


def test_main_command_paths_exist():
    main, _ = _commands()
    target = ROOT / main.split("grade ", 1)[1]
    assert target.is_dir() and len([p for p in target.iterdir() if p.is_dir()]) >= 3, target

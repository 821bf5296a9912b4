"""Shared fixtures for the toolkit's own tests."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from grader import config as config_mod

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def fast_config(tmp_path_factory: pytest.TempPathFactory) -> config_mod.Config:
    """The real grading.yml with a shorter per-call timeout, so hostile infinite loops cost less.

    Points, files and every other setting stay those of the course config.
    """
    data = yaml.safe_load((ROOT / "grading.yml").read_text(encoding="utf-8"))
    data["defaults"]["call_timeout"] = 1.5
    data["defaults"]["time_limit"] = 40
    path = tmp_path_factory.mktemp("config") / "grading.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    # tests/ and reference/ live next to the real grading.yml, not the temporary copy.
    return config_mod.load(path, root=ROOT)


@pytest.fixture(scope="session")
def real_config() -> config_mod.Config:
    return config_mod.load(ROOT / "grading.yml")

"""Shared fixtures for the toolkit's own tests."""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from grader import config as config_mod
from grader.config import leaderboard_secret

ROOT = Path(__file__).resolve().parent.parent

# The leaderboard's secret is the TA's (grader/config/leaderboard_secret.py), never one of the course's
# files. The tests fix one, so pseudonyms are the same in every run and no test writes the developer's
# ~/.config; `grade` subprocesses inherit it. Tests of the secret itself unset it.
os.environ[leaderboard_secret.ENV] = "toolkit-tests-fixed-leaderboard-secret"


def pytest_sessionstart(session: pytest.Session) -> None:
    """The tests train the Keras lab on Fashion-MNIST: get it first where it is missing, as `grade`
    itself does (Debian's package where apt is usable, else Keras's download), so the README's test
    command needs no step of its own."""
    from grader.kits.datasets import fashion_mnist

    try:
        folder, done = fashion_mnist.ensure()
    except fashion_mnist.DatasetError as exc:
        print(f"\nwarning: the Keras lab's tests will fail: {exc}")
        return
    if done:
        print(f"\nFashion-MNIST: {done} ({folder})")


def _fast(tmp_path_factory: pytest.TempPathFactory, short_training: bool = False,
          **sandbox: object) -> config_mod.Config:
    data = yaml.safe_load((ROOT / "grading.yml").read_text(encoding="utf-8"))
    data["defaults"]["call_timeout"] = 1.5
    data["defaults"]["time_limit"] = 40
    data.setdefault("sandbox", {}).update(sandbox)
    if short_training:
        # Where only how a model is written is checked (the corpus's Keras idioms), the grader trains
        # less, with the bar moved to match (corpus/short_training.yml: per assignment, what is laid
        # over its training and params); the lab's own EPOCHS stays required.
        short = yaml.safe_load((ROOT / "toolkit_tests" / "corpus" / "short_training.yml").read_text(encoding="utf-8"))
        for aid, over in short.items():
            lab = data["assignments"][aid]
            for key in ("training", "params"):
                lab.setdefault(key, {}).update(over.get(key) or {})
    path = tmp_path_factory.mktemp("config") / "grading.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    # tests/ and reference/ live next to the real grading.yml, not the temporary copy.
    return config_mod.load(path, root=ROOT)


@pytest.fixture(scope="session")
def fast_config(tmp_path_factory: pytest.TempPathFactory) -> config_mod.Config:
    """The real grading.yml with a shorter per-call timeout, so hostile infinite loops cost less.

    Points, files and every other setting stay those of the course config.
    """
    return _fast(tmp_path_factory)


@pytest.fixture(scope="session")
def fast_config_short(tmp_path_factory: pytest.TempPathFactory) -> config_mod.Config:
    """:func:`fast_config` with the shorter Keras trainings of ``corpus/short_training.yml``
    (``training: short`` entries)."""
    return _fast(tmp_path_factory, short_training=True)


@pytest.fixture(scope="session")
def readable_python() -> Iterator[None]:
    """Without namespaces the sandbox uid must read the Python installation (the grader refuses
    otherwise). Where it lives in a private folder (pyenv under /root, as on the development
    machine) the folders on the way are made traversable for others (o+x, not listable) for the
    session, as an installation under /usr or /opt is, and restored afterwards."""
    changed: list[tuple[str, int]] = []
    if os.geteuid() == 0:
        from grader.sandbox.permissions import python_paths

        for path in python_paths():
            p = os.path.dirname(str(path))
            while p not in ("/", ""):
                mode = os.stat(p).st_mode
                if not mode & 0o001 and p not in dict(changed):
                    changed.append((p, mode))
                    os.chmod(p, stat.S_IMODE(mode) | 0o001)
                p = os.path.dirname(p)
    yield
    for p, mode in changed:
        os.chmod(p, stat.S_IMODE(mode))


@pytest.fixture(scope="session")
def fast_config_uid(tmp_path_factory: pytest.TempPathFactory, readable_python: None) -> config_mod.Config:
    """:func:`fast_config` without namespaces (``sandbox: {namespaces: false}``): what a container
    without CAP_SYS_ADMIN (Gradescope's) gives a root grader: only the uid switch and permissions."""
    return _fast(tmp_path_factory, namespaces=False)


@pytest.fixture(scope="session")
def real_config() -> config_mod.Config:
    return config_mod.load(ROOT / "grading.yml")

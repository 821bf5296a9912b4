"""Kits are checked against ``kits.Kit`` when they are registered: a misspelled hook, a hook the engine
cannot call, a constant of the wrong type is an error at start-up, never a hook silently not called."""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from grader import config, kits

ROOT = Path(__file__).resolve().parent.parent


def _plant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, source: str) -> str:
    """A kit package ``<name>`` in ``tmp_path`` (on ``sys.path``), registered in ``kits.KITS``."""
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text(textwrap.dedent(source), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(kits.KITS, name, name)
    monkeypatch.delitem(sys.modules, name, raising=False)
    kits._registry.cache_clear()
    return name


@pytest.fixture(autouse=True)
def _fresh_registry():
    kits._registry.cache_clear()
    yield
    kits._registry.cache_clear()


def test_the_course_kits_follow_the_protocol():
    names = [kit.name for kit in kits.registered()]
    assert names == list(kits.KITS)
    assert kits.worker_ops_modules() == {n: f"grader.kits.{n}.worker_ops" for n in kits.KITS}
    assert kits.get("numpy_nets").unavailable is kits.Defaults.unavailable  # what it leaves out: the defaults


@pytest.mark.parametrize(("source", "expected"), [
    ("def unavailible(a):\n    return None\n", "'unavailible' is not a kit member; did you mean 'unavailable'?"),
    ("def extra_second(a):\n    return 1.0\n", "did you mean 'extra_seconds'?"),
    ("WORKER_ENVS = {'A': '1'}\n", "did you mean 'WORKER_ENV'?"),
    ("worker_env = {'A': '1'}\n", "did you mean 'WORKER_ENV'?"),
    ("def prepare(a):\n    return ''\n", "prepare cannot be called as prepare(a: 'Any', offline: 'bool')"),
    ("def unavailable(a, b, c):\n    return None\n", "unavailable cannot be called as unavailable"),
    ("ORACLE_ENV = ['X']\n", "ORACLE_ENV must be a tuple of str, found list"),
    ("COMMANDS = {'x': 'no_colon'}\n", "COMMANDS must be a dict of names to 'module:function'"),
])
def test_a_bad_kit_is_refused_at_registration(tmp_path, monkeypatch, source, expected):
    name = _plant(tmp_path, monkeypatch, "planted_bad_kit", source)
    with pytest.raises(kits.KitError) as info:
        kits.registered()
    assert f"kit {name!r}" in str(info.value)
    assert expected in str(info.value)


def test_a_good_kit_gets_the_defaults_and_its_own_helpers_are_not_mistaken_for_hooks(tmp_path, monkeypatch):
    _plant(tmp_path, monkeypatch, "planted_good_kit", """
        from pathlib import Path
        BOOK_PARAMS = ("W1",)
        def extra_seconds(a, spare=0.0):
            return 5.0
        def sgd_start(submission):
            return None
    """)
    kit = kits.get("planted_good_kit")
    assert kit.extra_seconds(None) == 5.0 and kit.prepare(None, True) == "" and kit.WORKER_ENV == {}
    assert kits.worker_ops_module("planted_good_kit") is None  # no worker_ops.py: the zygote imports none


def test_grade_refuses_to_start_with_a_bad_kit(tmp_path, monkeypatch):
    """The configuration's validation registers every kit: the one-line error names the kit and the member."""
    _plant(tmp_path, monkeypatch, "planted_bad_kit", "def privat_paths(a):\n    return []\n")
    with pytest.raises(config.ConfigError) as info:
        config.load(ROOT / "grading.yml")
    assert "planted_bad_kit" in str(info.value) and "'private_paths'" in str(info.value)


def test_kit_packaging_names_registered_data_sets():
    from grader.kits.datasets import DATASETS

    for kit in kits.registered():
        assert set(kit.PACKAGING.datasets) <= set(DATASETS), kit.name

"""Grader-side problems are told apart from the student's, never become grades, and are never cached.

A bug in a hidden test, a machine without the GPU grading.yml asks for, an oracle
that ran out of time: the student did nothing wrong, so the assignment gets the status
``grader_error`` and no score (the submission's total is not final either), the problem
is said once in the assignment's message and listed in ``grader_errors`` (a TA reads it
in the JSON and the summary line), and the results cache does not keep it, so the next
run regrades the submission.
"""
from __future__ import annotations

import io
from pathlib import Path

import yaml

from grader import config
from grader.reporters import ReportOptions, text
from grader.run import batch, engine
from grader.run.cache import Cache

ROOT = Path(__file__).resolve().parent.parent
BUGGY = '    originals = {}["a bug in the hidden test"]'


def _config_with_a_buggy_a01_suite(tmp_path: Path) -> config.Config:
    suite = tmp_path / "a01_suite"
    suite.mkdir()
    source = (ROOT / "tests" / "a01_perceptron" / "test_hidden_perceptron.py").read_text(encoding="utf-8")
    line = '    originals = {g: mod._attr_ref(g) for g in ("NAND", "OR", "AND")}'
    assert line in source
    (suite / "test_hidden_perceptron.py").write_text(source.replace(line, BUGGY), encoding="utf-8")
    data = yaml.safe_load((ROOT / "grading.yml").read_text(encoding="utf-8"))
    data["assignments"]["a01_perceptron"]["tests_dir"] = str(suite)
    path = tmp_path / "grading.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return config.load(path, root=ROOT)


def test_a_bug_in_a_hidden_test_is_a_grader_error(tmp_path):
    cfg = _config_with_a_buggy_a01_suite(tmp_path)
    result = engine.grade(ROOT / "reference", cfg, ["a01_perceptron"], "en")
    (a01,) = result.assignments
    assert a01.status == "grader_error" and a01.score is None and result.score is None and not result.final
    broken = [t for t in a01.tests if t.nodeid.endswith("test_xor_is_built_from_gates")]
    assert [t.status for t in broken] == ["error"]
    assert broken[0].output == "grader problem (see the assignment's message)"  # said once, not per test
    assert "KeyError" in a01.message and "has no score" in a01.message
    assert all(t.status == "passed" for t in a01.tests if t not in broken)
    assert len(result.grader_errors) == 1
    assert "test_xor_is_built_from_gates" in result.grader_errors[0] and "KeyError" in result.grader_errors[0]
    assert result.to_dict()["grader_errors"] == result.grader_errors
    out = io.StringIO()
    text.write([result], out, ReportOptions(single=True))
    assert "NOT FINAL" in out.getvalue() and "grader problem, no score" in out.getvalue()


def test_the_students_mistakes_are_not_grader_errors(real_config):
    for target in (ROOT / "reference", ROOT / "assignments"):
        result = engine.grade(target, real_config, ["a01_perceptron", "a02_activations"], "en")
        assert result.grader_errors == [], target


def test_a_result_with_a_grader_error_is_not_cached(tmp_path):
    cfg = _config_with_a_buggy_a01_suite(tmp_path)
    cache = Cache(tmp_path / "cache")
    paths = [ROOT / "reference"]
    for _ in range(2):
        _results, summary = batch.grade_many(paths, cfg, ["a01_perceptron"], "en", jobs=1, cache=cache)
        assert summary.from_cache == 0 and summary.with_grader_errors == 1
        assert "1 hit a grader problem" in summary.line() and "rerun regrades" in summary.line()
    # the same submission under the sound suite is cached as usual
    sound = config.load(ROOT / "grading.yml", root=ROOT)
    for expected in (0, 1):
        _, summary = batch.grade_many(paths, sound, ["a01_perceptron"], "en", jobs=1, cache=cache)
        assert summary.from_cache == expected and summary.with_grader_errors == 0

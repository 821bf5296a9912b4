"""A Keras training the cache holds is answered without starting the trainer (grader/kits/keras/recall.py).

The first grading of a model trains it and files the trainer's answers; a second submission with the
same model (a class that copied the slides) gets the same grade, with no trainer process at all; a
model that differs in anything the training depends on starts a trainer again. The training cache is
the test's own (``XDG_CACHE_HOME``, which the oracle passes to the Keras kit), so the first grading is
a miss whatever the machine's cache holds.
"""
from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path

import pytest

from grader.kits.keras import recall
from grader.results import SubmissionResult
from grader.run import engine
from proctree import Watch

ROOT = Path(__file__).resolve().parent.parent
A06 = "a06_fashion_mnist"
LINE = 'keras.layers.Dense(128, activation="relu"),'

pytestmark = pytest.mark.slow


def _submission(tmp_path: Path, name: str, layer: str, units: int = 128) -> Path:
    source = (ROOT / "reference" / A06 / "fashion_mnist_lab.py").read_text(encoding="utf-8")
    assert LINE in source
    folder = tmp_path / name / A06
    folder.mkdir(parents=True)
    (folder / "fashion_mnist_lab.py").write_text(
        source.replace(LINE, f'keras.layers.Dense({units}, activation="relu", name="{layer}"),'), encoding="utf-8")
    return tmp_path / name


def _grade(sub: Path, cfg) -> tuple[SubmissionResult, int]:
    with Watch(b"grader.kits.keras.trainer", under=os.getpid()) as trainers:
        result = engine.grade(sub, cfg, [A06], "en")
    return result, len(trainers.seen)


def _accuracy(result: SubmissionResult) -> float:
    (a06,) = result.assignments
    recorded = [t.data.get("test_accuracy") for t in a06.tests if t.data and "test_accuracy" in t.data]
    assert len(recorded) == 1, [t.nodeid for t in a06.tests]
    return float(recorded[0])


@pytest.mark.skipif(recall.gpu_visible(), reason="recall is off where a GPU can be seen")
def test_a_filed_training_is_recalled_with_no_trainer_and_the_same_grade(fast_config_short, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    layer = "hidden_recall"
    first, started = _grade(_submission(tmp_path, "first", layer), fast_config_short)
    assert started == 1, "the first grading of a model trains it"
    (a06,) = first.assignments
    assert (tmp_path / "cache" / "dlgrader" / "training").is_dir()
    assert a06.status == "graded" and a06.score == a06.max_score, a06.message

    second, started = _grade(_submission(tmp_path, "second", layer), fast_config_short)
    assert started == 0, "the same model again: the trainer's filed answers, no trainer"
    assert second.score == first.score and _accuracy(second) == _accuracy(first)
    assert [(t.nodeid, t.status, t.score) for t in second.assignments[0].tests] == \
        [(t.nodeid, t.status, t.score) for t in a06.tests]
    assert "reused: an earlier run trained an identical model config" in second.assignments[0].message or any(
        "reused" in (t.output or "") for t in second.assignments[0].tests)

    other, started = _grade(_submission(tmp_path, "other", layer, units=96), fast_config_short)
    assert started == 1, "a model that differs trains again"
    assert other.assignments[0].status == "graded"


def test_the_oracle_computes_the_key_the_trainer_files_under():
    """The recall key's versions come from package metadata in the oracle and from the imported modules
    in the trainer: on this install they must agree, or nothing would ever be recalled."""
    import keras
    import tensorflow

    assert recall.installed_versions("tensorflow") == {"keras": keras.__version__, "tensorflow": tensorflow.__version__}
    assert metadata.version("keras") == keras.__version__


def test_no_recall_where_a_gpu_node_exists_or_the_cache_is_off(tmp_path, monkeypatch):
    node = tmp_path / "nvidia0"
    node.write_text("")
    monkeypatch.setattr(recall, "GPU_NODES", (str(tmp_path / "nvidia*"),))
    assert recall.gpu_visible() and not recall.possible({"device": "auto"})
    monkeypatch.setattr(recall, "GPU_NODES", (str(tmp_path / "none*"),))
    assert recall.possible({"device": "auto"}) and recall.possible({"device": "cpu"})
    assert not recall.possible({"device": "gpu"}) and not recall.possible({"cache": False})


def test_a_damaged_or_foreign_entry_is_not_recalled(tmp_path, monkeypatch):
    """Only an entry with the trainer's three answers and a real accuracy counts."""
    from grader.kits import datasets
    from grader.store import JsonStore

    monkeypatch.setattr(recall, "GPU_NODES", (str(tmp_path / "none*"),))
    config = {"class_name": "Sequential", "config": {"layers": []}}
    request = {"epochs": 1, "batch_size": 4, "seed": 0, "cache_dir": str(tmp_path / "training")}
    training = {"dataset": "xor", "backend": "tensorflow"}
    key = recall.key(config, request, "tensorflow", recall.installed_versions("tensorflow"), "xor",
                     datasets.get("xor").data_fingerprint(None))
    store = JsonStore(tmp_path / "training")
    good = {"ready": {"device": "cpu"}, "loaded": {"params": 9}, "result": {"test_accuracy": 1.0,
                                                                             "per_class_accuracy": [1.0, 1.0]}}
    for bad in ({}, {**good, "result": {"test_accuracy": "1.0", "per_class_accuracy": []}},
                {"ready": {}, "loaded": [], "result": good["result"]}, [good]):
        store.write_json(key, bad)
        assert recall.lookup(config, request, training) is None, bad
    store.write_json(key, good)
    assert recall.lookup(config, request, training) == good
    assert recall.lookup(config, {**request, "epochs": 2}, training) is None
    assert recall.lookup(config, {**request, "cache_dir": None}, training) is None

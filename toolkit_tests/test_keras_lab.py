"""The Keras lab's building blocks: dataset checks, archive vetting, the layer chain, the trainer's refusals.

The graded behaviour end to end (reference, stubs, functional API, each wrong model)
is in the corpus; these pin down the pieces' own contracts and messages.
"""
from __future__ import annotations

import gzip
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from grader.kits.datasets import fashion_mnist
from grader.kits.keras.arch import NotAChain, chain, effective
from grader.kits.keras.client import Trainer, TrainerFailed
from grader.kits.keras.safety import UnsafeModel, check_archive, check_config


def _dense(name: str, units: int, activation: str = "relu", inbound: str | None = None) -> dict:
    layer = {"module": "keras.layers", "class_name": "Dense", "registered_name": None,
             "config": {"name": name, "units": units, "activation": activation}, "name": name}
    if inbound is not None:
        layer["inbound_nodes"] = [{"args": [{"class_name": "__keras_tensor__",
                                             "config": {"keras_history": [inbound, 0, 0]}}]}]
    return layer


def _input(name: str = "in") -> dict:
    return {"module": "keras.layers", "class_name": "InputLayer", "registered_name": None,
            "config": {"name": name}, "name": name, "inbound_nodes": []}


def _functional(layers: list[dict], out: str) -> dict:
    return {"module": "keras", "class_name": "Functional", "registered_name": None,
            "config": {"layers": layers, "input_layers": [["in", 0, 0]], "output_layers": [[out, 0, 0]]}}


def test_functional_chain_is_read_in_graph_order_not_list_order():
    layers = [_dense("out", 10, "softmax", inbound="h2"), _input(), _dense("h1", 128, inbound="in"),
              _dense("h2", 32, inbound="h1")]
    got = [(layer.kind, layer.units) for layer in effective(chain(_functional(layers, "out")))]
    assert got == [("Dense", 128), ("Dense", 32), ("Dense", 10)]


def test_branching_model_is_not_a_chain():
    add = {"module": "keras.layers", "class_name": "Add", "registered_name": None, "config": {"name": "add"},
           "name": "add", "inbound_nodes": [{"args": [[
               {"class_name": "__keras_tensor__", "config": {"keras_history": ["a", 0, 0]}},
               {"class_name": "__keras_tensor__", "config": {"keras_history": ["b", 0, 0]}}]]}]}
    layers = [_input(), _dense("a", 8, inbound="in"), _dense("b", 8, inbound="in"), add]
    with pytest.raises(NotAChain, match="2 inputs"):
        chain(_functional(layers, "add"))


def test_nested_sequential_is_flattened_and_activation_layers_fold_into_dense():
    inner = {"module": "keras", "class_name": "Sequential", "registered_name": None,
             "config": {"layers": [_dense("h", 32, "linear"),
                                   {"module": "keras.layers", "class_name": "ReLU", "registered_name": None,
                                    "config": {"name": "r"}}]}}
    outer = {"module": "keras", "class_name": "Sequential", "registered_name": None,
             "config": {"layers": [{"module": "keras.layers", "class_name": "Flatten", "registered_name": None,
                                    "config": {"name": "f"}}, inner, _dense("o", 10, "softmax")]}}
    assert [layer.describe() for layer in effective(chain(outer))] == ["Dense(32, activation='relu')",
                                                              "Dense(10, activation='softmax')"]


def _layer(cls: str, **config: object) -> dict:
    return {"module": "keras.layers", "class_name": cls, "registered_name": None,
            "config": {"name": f"{cls.lower()}_{len(config)}", **config}}


def test_convolution_and_pooling_layers_are_read_with_their_sizes():
    """The CNN lab's checks read filters, kernel, pool and padding; a separate ReLU folds into the
    convolution before it, as into a Dense; Keras writes sizes as lists or as one int."""
    model = {"module": "keras", "class_name": "Sequential", "registered_name": None, "config": {"layers": [
        _layer("Reshape", target_shape=[28, 28, 1]),
        _layer("Conv2D", filters=32, kernel_size=[3, 3], activation="relu", padding="valid", strides=[1, 1]),
        _layer("MaxPooling2D", pool_size=[2, 2], strides=None, padding="valid"),
        _layer("Conv2D", filters=64, kernel_size=3, activation="linear", padding="same"),
        _layer("ReLU"),
        _layer("Flatten"),
        _dense("o", 10, "softmax")]}}
    got = effective(chain(model))
    assert [layer.describe() for layer in got] == ["Conv2D(32, (3, 3), activation='relu')", "MaxPooling2D((2, 2))",
                                           "Conv2D(64, (3,), activation='relu')", "Dense(10, activation='softmax')"]
    assert (got[1].strides, got[1].padding, got[2].padding, got[0].strides) == ((2, 2), "valid", "same", (1, 1))


@pytest.mark.parametrize("obj, needle", [
    ({"module": "keras.layers", "class_name": "Lambda", "registered_name": None, "config": {"name": "lam"}},
     "carries code"),
    ({"module": "my_lab", "class_name": "MyDense", "registered_name": "MyDense", "config": {"name": "d"}},
     "your own class 'd' (MyDense) (module 'my_lab')"),
    ({"module": "keras.layers", "class_name": "Dense", "registered_name": "Custom>Dense", "config": {"name": "d"}},
     "your own class"),
    ({"module": "builtins", "class_name": "function", "registered_name": "function", "config": "my_loss"},
     "your own function 'my_loss'"),
])
def test_unsafe_objects_are_refused_with_a_specific_message(obj, needle):
    model = {"module": "keras", "class_name": "Sequential", "registered_name": None,
             "config": {"layers": [_dense("h", 4)]}, "compile_config": {"loss": obj}}
    with pytest.raises(UnsafeModel) as info:
        check_config(model)
    assert needle in info.value.message.en and info.value.message.ko


def _archive(tmp_path: Path, entries: dict[str, bytes]) -> Path:
    path = tmp_path / "m.keras"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def test_archive_with_unexpected_files_or_oversize_entries_is_refused(tmp_path):
    config = json.dumps({"module": "keras", "class_name": "Sequential", "registered_name": None,
                         "config": {"layers": [_dense("h", 4)]}}).encode()
    ok = {"config.json": config, "model.weights.h5": b"x", "metadata.json": b"{}"}
    assert check_archive(_archive(tmp_path, ok))["class_name"] == "Sequential"
    with pytest.raises(UnsafeModel, match="expected contents"):
        check_archive(_archive(tmp_path, {**ok, "evil.py": b"import os"}))
    with pytest.raises(UnsafeModel, match="too large"):
        check_archive(_archive(tmp_path, {**ok, "config.json": b" " * (2 << 20)}))
    (tmp_path / "junk.keras").write_bytes(b"not a zip")
    with pytest.raises(UnsafeModel, match="could not be read"):
        check_archive(tmp_path / "junk.keras")


def test_dataset_folders_are_checked_by_decompressed_size(tmp_path):
    source = fashion_mnist.locate(download=False)
    good = tmp_path / "good"
    fashion_mnist.seed_keras_cache(source, good)
    assert fashion_mnist.check_folder(good) is None
    bad = tmp_path / "bad"
    shutil.copytree(good, bad)
    with gzip.open(bad / "t10k-labels-idx1-ubyte.gz", "wb") as f:
        f.write(b"\x00\x00\x08\x01" + b"\x00" * 100)  # right magic, wrong length
    assert "expected 10008" in fashion_mnist.check_folder(bad)
    assert fashion_mnist.check_folder(tmp_path / "none") == "no such folder"


def test_missing_dataset_message_says_where_it_looked_and_how_to_fix(tmp_path, monkeypatch):
    monkeypatch.setattr(fashion_mnist, "DEBIAN_DIR", tmp_path / "debian")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("KERAS_HOME", raising=False)
    monkeypatch.setenv("FASHION_MNIST_DIR", str(tmp_path / "env"))
    with pytest.raises(fashion_mnist.DatasetError) as info:
        fashion_mnist.locate(download=False)
    text = str(info.value)
    assert "$FASHION_MNIST_DIR" in text and "Keras cache" in text and "apt-get install dataset-fashion-mnist" in text


def test_trainer_requiring_a_gpu_says_so_when_there_is_none(monkeypatch):
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "")  # this test asserts the no-GPU answer, even on a GPU box
    trainer = Trainer.start({"device": "gpu", "backend": "tensorflow"})
    try:
        with pytest.raises(TrainerFailed) as info:
            trainer.ready(timeout=300)
    finally:
        trainer.close()
    assert info.value.code == "no_gpu" and "training.device is 'gpu'" in info.value.message


def test_trainer_past_its_memory_limit_is_killed_and_says_so():
    """The trainer's bound is its resident memory (TensorFlow reserves far more address space than it
    uses); importing TensorFlow alone is far over 50 MiB, so the watchdog must stop it."""
    trainer = Trainer.start({"device": "cpu", "backend": "tensorflow", "memory_mb": 50})
    try:
        with pytest.raises(TrainerFailed) as info:
            trainer.ready(timeout=120)
        assert info.value.code == "memory" and "more than 50 MiB" in info.value.message
        assert trainer.proc.wait(timeout=10) < 0
    finally:
        trainer.close()


@pytest.mark.parametrize("init, needle", [
    ({"module": "keras.initializers", "class_name": "Constant", "config": {"value": [[0.1] * 3] * 3}},
     "not a single number"),
    ({"module": "keras.initializers", "class_name": "STFT", "config": {}}, "cannot be used by the grader"),
])
def test_initializers_that_could_carry_weights_are_refused(init, needle):
    layer = _dense("h", 3)
    layer["config"]["kernel_initializer"] = init
    with pytest.raises(UnsafeModel) as info:
        check_config({"class_name": "Sequential", "module": "keras", "config": {"layers": [layer]}})
    assert needle in info.value.message.en


def test_config_lists_of_many_numbers_and_deep_nesting_are_refused():
    layer = _dense("h", 3)
    layer["config"]["mean"] = [0.5] * 65
    with pytest.raises(UnsafeModel, match="holds 65 numbers"):
        check_config({"class_name": "Sequential", "module": "keras", "config": {"layers": [layer]}})
    deep: dict = {"class_name": "Sequential", "module": "keras", "config": {}}
    node = deep["config"]
    for _ in range(200):
        node["x"] = {}
        node = node["x"]
    with pytest.raises(UnsafeModel, match="nested too deeply"):
        check_config(deep)


def test_initializer_seeds_are_removed_so_the_grader_seed_decides():
    from grader.kits.keras.safety import normalise

    layer = _dense("h", 3)
    layer["config"]["kernel_initializer"] = {"module": "keras.initializers", "class_name": "GlorotUniform",
                                             "config": {"seed": 42}}
    out = normalise({"class_name": "Sequential", "config": {"layers": [layer]}})
    assert out["config"]["layers"][0]["config"]["kernel_initializer"]["config"]["seed"] is None
    assert layer["config"]["kernel_initializer"]["config"]["seed"] == 42  # the input is left alone


@pytest.mark.parametrize("text, needle", [
    ("Argument(s) not recognized: {'lr': 0.1}", "learning_rate="),
    ("Argument `decay` is no longer supported and will be ignored.", "InverseTimeDecay"),
    ("tensorflow.python.keras.engine.sequential.Sequential", "from tensorflow import keras"),
    ("No module named 'keras.layers.advanced_activations'", "keras.layers.LeakyReLU"),
    ("No module named 'tensorflow.keras.layers.core'", "from keras.layers import Dense"),
    ("'Sequential' object has no attribute 'fit_generator'", "model.fit takes generators"),
    ("'Sequential' object has no attribute 'predict_classes'", "np.argmax(model.predict(x), axis=-1)"),
    ("Unrecognized keyword arguments passed to Dense: {'init': 'uniform'}", "kernel_initializer="),
])
def test_each_keras2_idiom_is_answered_with_the_keras3_way(text, needle):
    from grader.kits.keras import keras2

    fix = keras2.fix_for(text)
    assert fix is not None and needle in fix.en and fix.ko != fix.en


def test_keras2_fix_is_added_once_after_the_error_and_other_errors_are_left_alone():
    from grader.kits.keras import keras2
    from grader.messages import msg
    from grader.sandbox.proxy import StudentError

    exc = StudentError(msg("예외: Argument(s) not recognized: {'lr': 0.1} (m.py:3)",
                           "raised ValueError: Argument(s) not recognized: {'lr': 0.1} (m.py:3)"), "", "exception",
                           "ValueError")
    once = keras2.explained(exc)
    assert once.message.en.startswith(exc.message.en + ". lr= is Keras 2's keyword")
    assert str(once) == once.message.en and keras2.explained(once) is once
    other = StudentError(msg("x", "raised ValueError: forgot to finish"), "", "exception", "ValueError")
    assert keras2.explained(other) is other


def test_a_zero_dimensional_array_is_shown_as_its_number_before_a_period():
    import numpy as np

    from grader.checks import shown

    assert [shown(np.array(6.0)), shown(np.array(0)), shown(np.array([6.0, 0.0]))] == ["6", "0", "[6., 0.]"]

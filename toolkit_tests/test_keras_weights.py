"""The trainer's weight count (grader/kits/keras/weights.py) against Keras's own, and its refusals.

Real models of the course's layers, Sequential and functional, drawn from a seeded generator: the
count from the saved config must equal ``model.count_params()``. Anything it cannot count exactly
(an unknown layer, a shape it cannot follow, a setting of the wrong type, a forged build_config) is
refused with the layer named, never skipped: a skipped layer once hid a 235M-weight Dense.
"""
from __future__ import annotations

import copy
import json
import random

import pytest

from grader.kits.keras.safety import UnsafeModel
from grader.kits.keras.weights import layer_weights

keras = pytest.importorskip("keras")
L = keras.layers


def _config(model) -> dict:
    """The model's config as ``config.json`` holds it."""
    return json.loads(json.dumps(keras.saving.serialize_keras_object(model)))


def _total(config: dict) -> int:
    return sum(n for _, n in layer_weights(config))


def _mlp(rng: random.Random) -> list:
    layers = [L.Flatten() if rng.random() < 0.5 else L.Reshape((784,))]
    for _ in range(rng.randint(1, 3)):
        layers.append(rng.choice([L.Dropout(0.2), L.Identity(), L.Activation("relu"), L.ReLU(),
                                  L.BatchNormalization(center=rng.random() < 0.5)]))
        layers.append(L.Dense(rng.randint(1, 64), use_bias=rng.random() < 0.8))
    return [*layers, L.Dense(10), L.Softmax()]


def _cnn(rng: random.Random) -> list:
    layers = [L.Rescaling(1 / 255)]
    for _ in range(rng.randint(1, 2)):
        layers.append(L.Conv2D(rng.randint(1, 8), rng.choice([1, 3, (3, 2), 5]), strides=rng.choice([1, 2]),
                               padding=rng.choice(["valid", "same"]), use_bias=rng.random() < 0.8))
        layers.append(rng.choice([L.MaxPooling2D(rng.choice([2, 3]), padding=rng.choice(["valid", "same"])),
                                  L.AveragePooling2D(2, strides=1), L.BatchNormalization(), L.Activation("relu")]))
    layers.append(L.GlobalAveragePooling2D() if rng.random() < 0.5 else L.Flatten())
    return [*layers, L.Dropout(0.5), L.Dense(10, activation="softmax")]


def _model(rng: random.Random, style: str):
    """One random network of the course's layers, written in ``style``."""
    cnn = rng.random() < 0.5
    shape, layers = ((28, 28, 1), _cnn(rng)) if cnn else ((28, 28), _mlp(rng))
    if style == "sequential":
        return keras.Sequential([keras.Input(shape), *layers])
    if style == "built":  # no Input: the shape comes from build()
        model = keras.Sequential(layers)
        model.build((None, *shape))
        return model
    x = inputs = keras.Input(shape)
    if style == "nested":  # the middle of the network as a Sequential inside a functional model
        cut = rng.randint(1, len(layers) - 1)
        x = keras.Sequential(layers[:cut])(x)
        layers = layers[cut:]
    for layer in layers:
        x = layer(x)
    return keras.Model(inputs, x)


@pytest.mark.parametrize("seed", range(10))
def test_count_equals_keras_count_params(seed):
    rng = random.Random(seed)
    for style in ("sequential", "built", "functional", "nested"):
        model = _model(rng, style)
        assert _total(_config(model)) == model.count_params(), (style, model.summary())


def test_a_layer_called_twice_is_counted_once():
    inputs = keras.Input((8,))
    shared = L.Dense(8)
    model = keras.Model(inputs, L.Dense(3)(shared(shared(inputs))))
    assert _total(_config(model)) == model.count_params() == 8 * 8 + 8 + 8 * 3 + 3


def _reference() -> dict:
    return _config(keras.Sequential([keras.Input((28, 28)), L.Flatten(), L.Dense(128), L.Dense(10)]))


def test_an_identity_layer_does_not_hide_a_huge_dense():
    config = _reference()
    layers = config["config"]["layers"]
    layers.insert(2, _config(L.Identity(name="identity")))
    layers[3]["config"]["units"] = 300_000
    layers[4]["build_config"]["input_shape"] = [None, 300_000]
    parts = dict(layer_weights(config))
    assert parts[f"'{layers[3]['config']['name']}' (Dense)"] == 784 * 300_000 + 300_000
    assert sum(parts.values()) == 784 * 300_000 + 300_000 + 300_000 * 10 + 10


@pytest.mark.parametrize("layer", [L.Masking(), L.ActivityRegularization(), L.UnitNormalization()])
def test_a_layer_the_count_does_not_know_is_refused_by_name(layer):
    config = _reference()
    config["config"]["layers"].insert(2, _config(layer))
    with pytest.raises(UnsafeModel) as info:
        layer_weights(config)
    assert f"({type(layer).__name__})" in info.value.message.en and "cannot count" in info.value.message.en
    assert type(layer).__name__ in info.value.message.ko


@pytest.mark.parametrize("units", ["100000000", 1e9, 128.0, True, [128], 2**40, 0, -5, None])
def test_settings_of_the_wrong_type_are_refused_not_coerced(units):
    config = _reference()
    config["config"]["layers"][2]["config"]["units"] = units
    with pytest.raises(UnsafeModel, match="its units is"):
        layer_weights(config)


def test_a_build_config_that_differs_from_the_shape_reaching_the_layer_is_refused():
    config = _reference()
    config["config"]["layers"][2]["build_config"]["input_shape"] = [None, 10_000_000]
    with pytest.raises(UnsafeModel, match="written differently"):
        layer_weights(config)


def test_graphs_that_cannot_be_followed_are_refused():
    inputs = keras.Input((4,))
    config = _config(keras.Model(inputs, L.Dense(2)(L.Dense(3)(inputs))))
    cyclic = copy.deepcopy(config)
    first = cyclic["config"]["layers"][1]
    first["inbound_nodes"][0]["args"][0]["config"]["keras_history"] = [cyclic["config"]["layers"][2]["name"], 0, 0]
    with pytest.raises(UnsafeModel, match="cycle"):
        layer_weights(cyclic)
    dangling = copy.deepcopy(config)
    dangling["config"]["layers"][1]["inbound_nodes"] = []
    with pytest.raises(UnsafeModel, match="not connected"):
        layer_weights(dangling)
    no_input = _config(keras.Sequential([L.Dense(3)]))
    with pytest.raises(UnsafeModel, match="no input shape"):
        layer_weights(no_input)

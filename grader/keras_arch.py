"""A Keras model's layers as one chain, read from its saved ``config.json`` (no Keras needed).

Students may build the lab's network with ``Sequential`` or the functional API,
nest models, or write the softmax as a separate ``Activation`` layer. Hidden
tests should see the same thing in every case: :func:`chain` turns the saved
config into an ordered list of :class:`Layer` summaries from input to output,
and :func:`effective` folds separate activation layers into the ``Dense`` before
them and drops purely structural layers (``InputLayer``, ``Flatten``, ``Reshape``).
A functional graph that branches is reported as :class:`NotAChain`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterator

MODEL_CLASSES = {"Sequential", "Functional", "Model"}
STRUCTURAL = {"InputLayer", "Flatten", "Reshape"}
ACTIVATION_LAYERS = {"Activation": None, "Softmax": "softmax", "ReLU": "relu"}


class NotAChain(ValueError):
    """The model is not a single path from one input to one output."""


@dataclass(frozen=True)
class Layer:
    kind: str                    # Keras class name: Dense, Dropout, Flatten, ...
    name: str
    units: int | None = None     # Dense
    activation: str | None = None  # Dense / activation layers ('linear' when none)
    rate: float | None = None    # Dropout

    def describe(self) -> str:
        if self.kind == "Dense":
            return f"Dense({self.units}, activation='{self.activation}')"
        if self.kind == "Dropout":
            return f"Dropout({self.rate:g})"
        return self.kind


def _summary(obj: dict) -> Layer:
    cls = str(obj.get("class_name"))
    cfg = obj.get("config") if isinstance(obj.get("config"), dict) else {}
    name = str(cfg.get("name", cls))
    if cls == "Dense":
        act = cfg.get("activation")
        return Layer(cls, name, units=int(cfg.get("units", 0)), activation=act if isinstance(act, str) else "linear")
    if cls == "Dropout":
        return Layer(cls, name, rate=float(cfg.get("rate", 0.0)))
    if cls in ACTIVATION_LAYERS:
        act = ACTIVATION_LAYERS[cls] or cfg.get("activation")
        return Layer(cls, name, activation=act if isinstance(act, str) else "linear")
    return Layer(cls, name)


def _histories(node: Any) -> Iterator[str]:
    """Names of the layers whose outputs feed a functional node (``keras_history`` entries)."""
    if isinstance(node, dict):
        cfg = node.get("config")
        if node.get("class_name") == "__keras_tensor__" and isinstance(cfg, dict) and cfg.get("keras_history"):
            yield str(cfg["keras_history"][0])
            return
        for value in node.values():
            yield from _histories(value)
    elif isinstance(node, list):
        for value in node:
            yield from _histories(value)


def _functional_order(cfg: dict) -> list[dict]:
    layers = {str(l.get("name") or (l.get("config") or {}).get("name")): l for l in cfg.get("layers", [])}
    outputs = cfg.get("output_layers") or []
    inputs = cfg.get("input_layers") or []
    # Keras writes [name, node, tensor] for one and a list of those for several.
    if outputs and isinstance(outputs[0], str):
        outputs = [outputs]
    if inputs and isinstance(inputs[0], str):
        inputs = [inputs]
    if len(outputs) != 1 or len(inputs) != 1:
        raise NotAChain(f"{len(inputs)} inputs and {len(outputs)} outputs")
    order, current, seen = [], str(outputs[0][0]), set()
    while True:
        if current in seen or current not in layers:
            raise NotAChain(f"layer '{current}' cannot be followed")
        seen.add(current)
        layer = layers[current]
        order.append(layer)
        feeders = list(dict.fromkeys(_histories(layer.get("inbound_nodes", []))))
        if not feeders:
            break
        if len(feeders) > 1:
            raise NotAChain(f"layer '{current}' has {len(feeders)} inputs")
        current = feeders[0]
    if len(order) != len(layers):
        raise NotAChain("some layers are not on the path from the input to the output")
    return list(reversed(order))


def chain(config: dict) -> list[Layer]:
    """All layers from input to output, nested models flattened in place."""
    cls = config.get("class_name")
    cfg = config.get("config") if isinstance(config.get("config"), dict) else {}
    if cls == "Sequential":
        members = list(cfg.get("layers", []))
    elif cls in ("Functional", "Model"):
        members = _functional_order(cfg)
    else:
        return [_summary(config)]
    out: list[Layer] = []
    for member in members:
        out.extend(chain(member) if member.get("class_name") in MODEL_CLASSES else [_summary(member)])
    return out


def effective(layers: list[Layer]) -> list[Layer]:
    """Fold activation layers into the Dense before them; drop structural layers."""
    out: list[Layer] = []
    for layer in layers:
        if layer.kind in STRUCTURAL:
            continue
        if layer.kind in ACTIVATION_LAYERS and out and out[-1].kind == "Dense" and out[-1].activation == "linear":
            out[-1] = replace(out[-1], activation=layer.activation)
            continue
        out.append(layer)
    return out

"""A Keras model's layers as one chain, read from its saved ``config.json`` (no Keras needed).

Students may build the lab's network with ``Sequential`` or the functional API,
nest models, or write the softmax as a separate ``Activation`` layer. Hidden
tests should see the same thing in every case: :func:`chain` turns the saved
config into an ordered list of :class:`Layer` summaries from input to output,
and :func:`effective` folds separate activation layers into the ``Dense`` or
convolution before them and drops purely structural layers (``InputLayer``, ``Flatten``, ``Reshape``).
A functional graph that branches is reported as :class:`NotAChain`.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

MODEL_CLASSES = {"Sequential", "Functional", "Model"}
STRUCTURAL = {"InputLayer", "Flatten", "Reshape"}
ACTIVATION_LAYERS = {"Activation": None, "Softmax": "softmax", "ReLU": "relu", "LeakyReLU": "leaky_relu", "ELU": "elu"}
CONV = {"Conv1D", "Conv2D", "Conv3D"}
POOLING = {"MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D"}
# Layers a separate activation layer after them folds into (their own activation is then 'linear').
WITH_ACTIVATION = {"Dense"} | CONV


class NotAChain(ValueError):
    """The model is not a single path from one input to one output."""


@dataclass(frozen=True)
class Layer:
    kind: str                    # Keras class name: Dense, Dropout, Flatten, ...
    name: str
    units: int | None = None     # Dense
    activation: str | None = None  # Dense / activation layers ('linear' when none)
    rate: float | None = None    # Dropout
    filters: int | None = None   # Conv2D (and Conv1D/Conv3D)
    kernel: tuple[int, ...] | None = None  # Conv2D's kernel_size, pooling's pool_size
    strides: tuple[int, ...] | None = None  # Conv2D, pooling (a pooling layer's default: its pool size)
    padding: str | None = None   # Conv2D, pooling: 'valid' or 'same'

    def describe(self) -> str:
        if self.kind == "Dense":
            return f"Dense({self.units}, activation='{self.activation}')"
        if self.kind == "Dropout":
            return f"Dropout({self.rate:g})"
        if self.kind in CONV:
            return f"{self.kind}({self.filters}, {self.kernel}, activation='{self.activation}')"
        if self.kind in POOLING:
            return f"{self.kind}({self.kernel})"
        return self.kind


def _number(value: Any, kind: type) -> Any:
    """A size or rate as the config says it, if it is a plain number; else 0 (a forged ``"128"`` or
    ``[128]`` reads as no size, which fails the architecture's check as the student's, not the grader's)."""
    return kind(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else kind(0)


def _config(obj: dict, key: str = "config") -> dict[str, Any]:
    """``obj[key]`` if it is a dict, else an empty one (a forged config reads as no settings)."""
    cfg = obj.get(key)
    return cfg if isinstance(cfg, dict) else {}


def _summary(obj: dict) -> Layer:
    cls = str(obj.get("class_name"))
    cfg = _config(obj)
    name = str(cfg.get("name", cls))
    if cls == "Dense":
        act = cfg.get("activation")
        return Layer(cls, name, units=_number(cfg.get("units", 0), int),
                     activation=act if isinstance(act, str) else "linear")
    if cls == "Dropout":
        return Layer(cls, name, rate=_number(cfg.get("rate", 0.0), float))
    if cls in CONV:
        act = cfg.get("activation")
        return Layer(cls, name, activation=act if isinstance(act, str) else "linear",
                     filters=_number(cfg.get("filters") or 0, int), kernel=_shape(cfg.get("kernel_size")),
                     strides=_shape(cfg.get("strides")) or (1,), padding=str(cfg.get("padding", "valid")))
    if cls in POOLING:
        pool = _shape(cfg.get("pool_size"))
        return Layer(cls, name, kernel=pool, strides=_shape(cfg.get("strides")) or pool,
                     padding=str(cfg.get("padding", "valid")))
    if cls in ACTIVATION_LAYERS:
        act = ACTIVATION_LAYERS[cls] or cfg.get("activation")
        return Layer(cls, name, activation=act if isinstance(act, str) else "linear")
    return Layer(cls, name)


def _shape(value: Any) -> tuple[int, ...] | None:
    """A kernel, pool or stride size as Keras saves it (an int or a list of ints) as a tuple."""
    if isinstance(value, int) and not isinstance(value, bool):
        return (value,)
    if isinstance(value,
                  (list, tuple)) and value and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return tuple(int(v) for v in value)
    return None


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
    layers = {str(layer.get("name") or (layer.get("config") or {}).get("name")): layer
              for layer in cfg.get("layers", [])}
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


def raw_chain(config: dict, _depth: int = 0) -> list[dict]:
    """The layers' own configs from input to output, nested models flattened in place."""
    if _depth > 20:
        raise NotAChain("models nested more than 20 deep")
    cls = config.get("class_name")
    cfg = _config(config)
    if cls == "Sequential":
        members = [m for m in cfg.get("layers", []) if isinstance(m, dict)]
    elif cls in ("Functional", "Model"):
        members = _functional_order(cfg)
    else:
        return [config]
    out: list[dict] = []
    for member in members:
        out.extend(raw_chain(member, _depth + 1) if member.get("class_name") in MODEL_CLASSES else [member])
    return out


def chain(config: dict) -> list[Layer]:
    """All layers from input to output, nested models flattened in place."""
    return [_summary(layer) for layer in raw_chain(config)]


def _dims(value: Any) -> list[int] | None:
    if isinstance(value, (list, tuple)) and all(v is None or (isinstance(v, int) and v >= 0) for v in value):
        return [int(v) if v is not None else 1 for v in value]
    return None


def _input_dims(config: dict, layers: list[dict]) -> list[int] | None:
    """The model's input shape without the batch axis, from wherever Keras wrote it."""
    cfg = _config(config)
    candidates = [cfg.get("build_input_shape")]
    for layer in layers[:1]:
        lcfg = _config(layer)
        candidates += [lcfg.get("batch_shape"), lcfg.get("batch_input_shape")]
        if isinstance(lcfg.get("input_shape"), (list, tuple)):
            candidates.append([None, *lcfg["input_shape"]])
    for c in candidates:
        dims = _dims(c)
        if dims:
            return dims[1:]
    return None


def compile_summary(config: dict) -> dict[str, Any]:
    """The optimizer, learning rate and loss the model was compiled with, from its config
    (``compile_config``); ``None`` where it was not compiled."""
    cc = _config(config, "compile_config")
    opt, loss = cc.get("optimizer"), cc.get("loss")
    info: dict[str, Any] = {"loss": None, "optimizer": None, "learning_rate": None}
    if isinstance(opt, str):
        info["optimizer"] = opt
    elif isinstance(opt, dict):
        info["optimizer"] = opt.get("class_name")
        lr = (opt.get("config") or {}).get("learning_rate") if isinstance(opt.get("config"), dict) else None
        info["learning_rate"] = lr if isinstance(lr, (int, float)) else None
    if isinstance(loss, str):
        info["loss"] = loss
    elif isinstance(loss, dict):
        info["loss"] = loss.get("class_name") if loss.get("class_name") != "function" else loss.get("config")
        info["from_logits"] = bool((loss.get("config") or {}).get("from_logits")) \
            if isinstance(loss.get("config"), dict) else False
    return info


def io_shapes(config: dict) -> tuple[list | None, list | None]:
    """The model's input shape (batch axis first, as None) and output shape, from its config alone:
    the input from wherever Keras wrote it, the output from the last Dense layer's units when the
    tensor reaching it has one axis besides the batch. A Dense layer on images (no Flatten) works on
    the last axis only, so its output keeps the other axes: then the output is left as None and the
    caller asks Keras (the loaded model's real output shape)."""
    try:
        layers = raw_chain(config)
    except NotAChain:
        return None, None
    dims = _input_dims(config, layers)
    summary = effective([_summary(layer) for layer in layers])
    last = summary[-1] if summary else None
    out = [None, last.units] if last and last.kind == "Dense" and _output_rank(layers, dims) == 1 else None
    return ([None, *dims] if dims else None), out


def _output_rank(layers: list[dict], dims: list[int] | None) -> int | None:
    """How many axes besides the batch the chain's output has, followed through the layers that
    change it (Flatten and global pooling: 1; Reshape: its target); None where it is unknown."""
    rank = len(dims) if dims else None
    for layer in layers:
        cls = layer.get("class_name")
        cfg = _config(layer)
        if cls == "Flatten" or str(cls).startswith("Global"):
            rank = 1
        elif cls == "Reshape":
            target = _dims(cfg.get("target_shape"))
            rank = len(target) if target else None
    return rank


def effective(layers: list[Layer]) -> list[Layer]:
    """Fold activation layers into the Dense or convolution before them; drop structural layers."""
    out: list[Layer] = []
    for layer in layers:
        if layer.kind in STRUCTURAL:
            continue
        if layer.kind in ACTIVATION_LAYERS and out and out[-1].kind in WITH_ACTIVATION \
                and out[-1].activation == "linear":
            out[-1] = replace(out[-1], activation=layer.activation)
            continue
        out.append(layer)
    return out

"""The exact number of weights a saved Keras model will create, counted from its config (no Keras).

Why exact, and why refuse: the trainer refuses a model over its weight limit *before* Keras builds
it, because building is what costs the memory (a forged ``Dense`` of 235 million weights reached
3.4 GB). A count that skips what it does not know is a way round that check: one ``Identity``
layer in front of a huge ``Dense`` once hid it from a count that stopped following the shape at
the first unknown layer. So :func:`layer_weights` follows the shape from the input through every
layer, nested model and inbound edge of the graph, and raises :class:`UnsafeModel` (naming the
layer) for a layer class it cannot count, a shape it cannot infer, or a setting that is not the
type Keras expects (``units`` as a string, a float, a bool, a list or a number too large).

It also checks each layer's ``build_config``: on loading, Keras builds a layer from the input
shape written there, whatever shape really reaches the layer, so a forged ``build_config`` would
otherwise choose the weights' size behind the count's back.
"""
from __future__ import annotations

from collections.abc import Callable
from math import prod
from typing import Any, NoReturn

from grader.kits.keras.safety import NOT_A_MODEL, UnsafeModel, object_label
from grader.messages import msg

Shape = tuple  # a tensor's shape without the batch axis: ints, None where unknown
MAX_SIZE = 2**31 - 1  # the largest size (units, filters, a dimension) a config may declare
MODELS = {"Sequential", "Functional", "Model"}
# Layers that hold no weights and leave the shape as it is.
PASS_THROUGH = {"Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise",
                "GaussianDropout", "AlphaDropout", "Activation", "ReLU", "Softmax", "LeakyReLU", "ELU",
                "Identity", "Rescaling"}
_MISSING = object()


def _refuse(obj: dict, ko: str, en: str) -> NoReturn:
    label = object_label(obj)
    raise UnsafeModel(msg(
        f"채점기가 {label} 층의 가중치 수를 셀 수 없어 모델을 불러오지 않습니다: {ko}. "
        "수업에서 쓰는 층(Dense, Conv2D, MaxPooling2D, Flatten, Dropout 등)으로 모델을 만드세요.",
        f"the grader cannot count the weights of the layer {label}, so it does not load the model: {en}. "
        "Build the model from the course's layers (Dense, Conv2D, MaxPooling2D, Flatten, Dropout, ...)."))


def _cfg(obj: dict) -> dict:
    cfg = obj.get("config")
    if not isinstance(cfg, dict):
        _refuse(obj, "config가 없습니다", "it has no config")
    return cfg


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_size(value: Any, low: int = 1) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= MAX_SIZE


def _int(obj: dict, key: str, default: Any = _MISSING) -> int:
    value = _cfg(obj).get(key, default)
    if not _is_size(value):
        _refuse(obj, f"{key} 값 {_show(value)}이(가) 1부터 {MAX_SIZE} 사이의 정수가 아닙니다",
                f"its {key} is {_show(value)}, not a whole number from 1 to {MAX_SIZE}")
    return value


def _ints(obj: dict, key: str, rank: int, default: Any = _MISSING) -> tuple[int, ...]:
    """A size per spatial axis, as Keras saves it: one int for all axes, or a list of ``rank`` ints."""
    value = _cfg(obj).get(key, default)
    if _is_size(value):
        return (value,) * rank
    if isinstance(value, (list, tuple)) and len(value) == rank and all(_is_size(v) for v in value):
        return tuple(value)
    _refuse(obj, f"{key} 값 {_show(value)}이(가) 정수 {rank}개가 아닙니다",
            f"its {key} is {_show(value)}, not {rank} whole number(s)")


def _flag(obj: dict, key: str, default: bool) -> bool:
    value = _cfg(obj).get(key, default)
    if not isinstance(value, bool):
        _refuse(obj, f"{key} 값 {_show(value)}이(가) True/False가 아닙니다",
                f"its {key} is {_show(value)}, not True or False")
    return value


def _choice(obj: dict, key: str, options: tuple, default: Any) -> Any:
    value = _cfg(obj).get(key, default)
    if value not in options or isinstance(value, bool):
        _refuse(obj, f"{key} 값 {_show(value)}은(는) 셀 수 있는 값({', '.join(map(repr, options))})이 아닙니다",
                f"its {key} is {_show(value)}, not one of {', '.join(map(repr, options))}")
    return value


def _unset(obj: dict, *keys: str) -> None:
    """Settings that would add weights this counter does not count (LoRA, quantization) must be off."""
    for key in keys:
        if _cfg(obj).get(key) is not None:
            _refuse(obj, f"{key} 설정이 있는 층은 셀 수 없습니다", f"a layer with {key} set is not counted")


def _rank(obj: dict, shape: Shape, rank: int) -> None:
    if len(shape) != rank:
        _refuse(obj, f"입력의 차원 {len(shape) + 1}개(배치 포함)가 이 층이 받는 {rank + 1}개와 다릅니다",
                f"its input has {len(shape) + 1} axes (with the batch), not the {rank + 1} it takes")


def _known(obj: dict, size: Any, what: str) -> int:
    if size is None:
        _refuse(obj, f"입력의 {what} 크기를 알 수 없습니다", f"the size of its input's {what} is unknown")
    return size


def _axis(obj: dict, shape: Shape, axis: Any) -> int:
    """The index in ``shape`` (no batch axis) of a Keras ``axis`` setting (which counts the batch axis)."""
    if isinstance(axis, int) and not isinstance(axis, bool):
        index = axis + len(shape) if axis < 0 else axis - 1
        if 0 <= index < len(shape):
            return index
    _refuse(obj, f"axis 값 {_show(axis)}이(가) 입력에 없는 축입니다",
            f"its axis {_show(axis)} is not an axis of its input")


def _spatial(obj: dict, shape: Shape, rank: int) -> tuple[bool, Any, Shape]:
    """(channels first?, channels, the spatial sizes) of a convolution's or pooling's input."""
    _rank(obj, shape, rank + 1)
    first = _choice(obj, "data_format", ("channels_last", "channels_first", None), "channels_last") == "channels_first"
    return (first, shape[0], shape[1:]) if first else (first, shape[-1], shape[:-1])


def _window(obj: dict, size: Any, kernel: int, stride: int, dilation: int, padding: str) -> Any:
    """One spatial axis's size after a convolution or pooling window (Keras's own arithmetic)."""
    if size is None:
        return None
    out = -(-size // stride) if padding in ("same", "causal") else (size - (kernel - 1) * dilation - 1) // stride + 1
    if out < 1:
        _refuse(obj, f"입력 크기 {size}가 창 크기 {kernel}보다 작습니다",
                f"its input size {size} is smaller than its window {kernel}")
    return out


def _dense(obj: dict, shape: Shape) -> tuple[int, Shape]:
    units, bias = _int(obj, "units"), _flag(obj, "use_bias", True)
    _unset(obj, "lora_rank", "quantization_config")
    if not shape:
        _rank(obj, shape, 1)
    inputs = _known(obj, shape[-1], "last axis")
    return inputs * units + (units if bias else 0), (*shape[:-1], units)


def _conv(rank: int) -> Callable[[dict, Shape], tuple[int, Shape]]:
    def count(obj: dict, shape: Shape) -> tuple[int, Shape]:
        filters, kernel = _int(obj, "filters"), _ints(obj, "kernel_size", rank)
        strides, dilation = _ints(obj, "strides", rank, 1), _ints(obj, "dilation_rate", rank, 1)
        groups, bias = _int(obj, "groups", 1), _flag(obj, "use_bias", True)
        padding = _choice(obj, "padding", ("valid", "same", "causal") if rank == 1 else ("valid", "same"), "valid")
        _unset(obj, "lora_rank", "quantization_config")
        first, channels, spatial = _spatial(obj, shape, rank)
        channels = _known(obj, channels, "channel axis")
        if channels % groups or filters % groups:
            _refuse(obj, f"groups {groups}가 채널 수 {channels}와 filters {filters}를 나누지 않습니다",
                    f"its groups {groups} does not divide its {channels} input channels and {filters} filters")
        out = tuple(_window(obj, n, k, s, d, padding) for n, k, s,
                    d in zip(spatial, kernel, strides, dilation, strict=True))
        weights = prod(kernel) * (channels // groups) * filters + (filters if bias else 0)
        return weights, ((filters, *out) if first else (*out, filters))
    return count


def _pooling(rank: int) -> Callable[[dict, Shape], tuple[int, Shape]]:
    def count(obj: dict, shape: Shape) -> tuple[int, Shape]:
        pool = _ints(obj, "pool_size", rank, 2)
        strides = pool if _cfg(obj).get("strides") is None else _ints(obj, "strides", rank)
        padding = _choice(obj, "padding", ("valid", "same"), "valid")
        first, channels, spatial = _spatial(obj, shape, rank)
        out = tuple(_window(obj, n, p, s, 1, padding) for n, p, s in zip(spatial, pool, strides, strict=True))
        return 0, ((channels, *out) if first else (*out, channels))
    return count


def _global_pooling(rank: int) -> Callable[[dict, Shape], tuple[int, Shape]]:
    def count(obj: dict, shape: Shape) -> tuple[int, Shape]:
        first, channels, _ = _spatial(obj, shape, rank)
        if not _flag(obj, "keepdims", False):
            return 0, (channels,)
        return 0, ((channels, *(1,) * rank) if first else (*(1,) * rank, channels))
    return count


def _flatten(obj: dict, shape: Shape) -> tuple[int, Shape]:
    _choice(obj, "data_format", ("channels_last", "channels_first", None), "channels_last")
    return 0, (None if None in shape else prod(shape),)


def _reshape(obj: dict, shape: Shape) -> tuple[int, Shape]:
    target = _cfg(obj).get("target_shape")
    if not isinstance(target, (list, tuple)) or not target or \
            not all(_is_size(t) or (t == -1 and not isinstance(t, bool)) for t in target) or list(target).count(-1) > 1:
        _refuse(obj, f"target_shape {_show(target)}이(가) 크기 목록이 아닙니다",
                f"its target_shape {_show(target)} is not a list of sizes")
    size = None if None in shape else prod(shape)
    known = prod(t for t in target if t != -1)
    if size is not None and (size % known if -1 in target else size != known):
        _refuse(obj, f"입력 {size}개 값을 {_show(target)} 모양으로 바꿀 수 없습니다",
                f"its input's {size} values do not fit the shape {_show(target)}")
    fill = None if size is None else size // known
    return 0, tuple(fill if t == -1 else t for t in target)


def _batch_normalization(obj: dict, shape: Shape) -> tuple[int, Shape]:
    _unset(obj, "renorm_clipping")
    if _cfg(obj).get("renorm"):
        _refuse(obj, "renorm 설정이 있는 층은 셀 수 없습니다", "a layer with renorm set is not counted")
    size = _known(obj, shape[_axis(obj, shape, _cfg(obj).get("axis", -1))], "normalized axis")
    return size * (2 + _flag(obj, "center", True) + _flag(obj, "scale", True)), shape


def _layer_normalization(obj: dict, shape: Shape) -> tuple[int, Shape]:
    axis = _cfg(obj).get("axis", -1)
    axes = {_axis(obj, shape, a) for a in (axis if isinstance(axis, list) else [axis])}
    if _flag(obj, "rms_scaling", False):
        _refuse(obj, "rms_scaling 설정이 있는 층은 셀 수 없습니다", "a layer with rms_scaling set is not counted")
    size = prod(_known(obj, shape[a], "normalized axis") for a in axes)
    return size * (_flag(obj, "center", True) + _flag(obj, "scale", True)), shape


def _embedding(obj: dict, shape: Shape) -> tuple[int, Shape]:
    rows, width = _int(obj, "input_dim"), _int(obj, "output_dim")
    _unset(obj, "lora_rank", "quantization_config")
    return rows * width, (*shape, width)


COUNTERS: dict[str, Callable[[dict, Shape], tuple[int, Shape]]] = {
    **{name: lambda obj, shape: (0, shape) for name in PASS_THROUGH},
    "Dense": _dense, "Flatten": _flatten, "Reshape": _reshape, "Embedding": _embedding,
    "BatchNormalization": _batch_normalization, "LayerNormalization": _layer_normalization,
    **{f"Conv{r}D": _conv(r) for r in (1, 2, 3)},
    **{f"{kind}Pooling{r}D": _pooling(r) for kind in ("Max", "Average") for r in (1, 2, 3)},
    **{f"Global{kind}Pooling{r}D": _global_pooling(r) for kind in ("Max", "Average") for r in (1, 2, 3)},
}


def _declared(obj: dict, value: Any, what: str) -> Shape | None:
    """A shape written in the config (batch axis first) without its batch axis; None where absent."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)) and value and all(v is None or _is_size(v) for v in value):
        return tuple(value[1:])
    _refuse(obj, f"{what} {_show(value)}이(가) 크기 목록이 아닙니다",
            f"its {what} {_show(value)} is not a list of sizes")


def _agree(obj: dict, *shapes: Shape | None) -> Shape | None:
    """The one shape all the given ones (those not None) agree on."""
    known = list(dict.fromkeys(s for s in shapes if s is not None))
    if len(known) > 1:
        _refuse(obj, f"입력 모양이 서로 다르게 적혀 있습니다 ({', '.join(map(str, known))})",
                f"its input shape is written differently in different places ({', '.join(map(str, known))})")
    return known[0] if known else None


def _build_shape(obj: dict) -> Shape | None:
    """The input shape Keras builds the object with on loading (``build_config``), if it has one."""
    build = obj.get("build_config")
    if build is None:
        return None
    if not isinstance(build, dict) or set(build) - {"input_shape"}:
        _refuse(obj, "build_config에 input_shape 말고 다른 것이 있습니다",
                "its build_config holds more than an input_shape")
    return _declared(obj, build.get("input_shape"), "build_config input_shape")


class _Count:
    """One walk over a model's config: the weights of every layer, in the order met."""

    def __init__(self) -> None:
        self.parts: list[tuple[str, int]] = []

    def layer(self, obj: Any, shape: Shape) -> Shape:
        """Count one layer (or nested model) given the shape reaching it; return its output shape."""
        if not isinstance(obj, dict):
            raise UnsafeModel(msg("저장된 모델의 층 목록에 층이 아닌 값이 있습니다.",
                                  "the saved model's list of layers holds something that is not a layer."))
        if obj.get("class_name") in MODELS:
            return self.model(obj, shape)
        counter = COUNTERS.get(str(obj.get("class_name")))
        if counter is None:
            _refuse(obj, "채점기가 모르는 종류의 층입니다", "the grader does not know this kind of layer")
        _agree(obj, shape, _build_shape(obj))  # Keras builds it from build_config: that must be this shape
        weights, out = counter(obj, shape)
        self.parts.append((object_label(obj), weights))
        return out

    def model(self, obj: dict, shape: Shape | None) -> Shape:
        """Count a (possibly nested) model: ``shape`` is what reaches it, None for the outermost."""
        if obj.get("class_name") == "Sequential":
            return self.sequential(obj, shape)
        if obj.get("class_name") in ("Functional", "Model"):
            return self.functional(obj, shape)
        raise UnsafeModel(NOT_A_MODEL)

    def sequential(self, obj: dict, shape: Shape | None) -> Shape:
        cfg = _cfg(obj)
        layers = cfg.get("layers")
        if not isinstance(layers, list):
            _refuse(obj, "층 목록이 없습니다", "it has no list of layers")
        declared = None
        if layers and isinstance(layers[0], dict) and layers[0].get("class_name") == "InputLayer":
            declared = self.input_shape(layers[0])
            layers = layers[1:]
        shape = _agree(obj, shape, declared, _declared(obj, cfg.get("build_input_shape"), "build_input_shape"),
                       _build_shape(obj))
        if shape is None:
            _refuse(obj, "입력 모양이 없습니다 (keras.Input(shape=...)으로 지정하세요)",
                    "it declares no input shape (give one with keras.Input(shape=...))")
        for layer in layers:
            shape = self.layer(layer, shape)
        return shape

    def input_shape(self, obj: dict) -> Shape:
        cfg = _cfg(obj)
        shape = _declared(obj, cfg.get("batch_shape", cfg.get("batch_input_shape")), "batch_shape")
        if shape is None:
            _refuse(obj, "입력 모양이 없습니다", "it declares no input shape")
        return shape

    def functional(self, obj: dict, incoming: Shape | None) -> Shape:
        graph = _Graph(obj)
        (entry,) = graph.ends("input_layers")
        (exit_,) = graph.ends("output_layers")
        if graph.layers[entry[0]].get("class_name") != "InputLayer":
            _refuse(graph.layers[entry[0]], "모델의 입력이 입력 층이 아닙니다",
                    "the model's input is not an input layer")
        declared = self.input_shape(graph.layers[entry[0]])
        _agree(obj, incoming, declared, _build_shape(obj))  # refused unless the three agree: then it is `declared`
        graph.shapes[entry] = declared
        called: dict[str, tuple[Shape, Shape]] = {}  # layer name -> (its input shape, its output shape)
        for name, layer in graph.layers.items():
            if layer.get("class_name") != "InputLayer" and not graph.nodes(name):
                _refuse(layer, "모델의 어느 텐서에도 연결되어 있지 않습니다",
                        "it is not connected to the model's tensors")
            for index in range(len(graph.nodes(name))):
                graph.resolve((name, index), lambda key, shape: self._call(graph, called, key, shape))
        return graph.resolve(exit_, lambda key, shape: self._call(graph, called, key, shape))

    def _call(self, graph: _Graph, called: dict, key: tuple[str, int], shape: Shape) -> Shape:
        """A functional layer called on ``shape``: counted at its first call; every call takes the same shape."""
        name, layer = key[0], graph.layers[key[0]]
        if name not in called:
            called[name] = (shape, self.layer(layer, shape))
        elif called[name][0] != shape:
            _refuse(layer, "서로 다른 모양의 입력으로 여러 번 호출됩니다", "it is called on inputs of different shapes")
        return called[name][1]


class _Graph:
    """A functional model's layers and the edges between their calls (Keras 3's ``inbound_nodes``)."""

    def __init__(self, obj: dict) -> None:
        self.obj = obj
        self.cfg = _cfg(obj)
        layers = self.cfg.get("layers")
        if not isinstance(layers, list) or not all(isinstance(layer, dict) for layer in layers):
            _refuse(obj, "층 목록이 없습니다", "it has no list of layers")
        self.layers: dict[str, dict] = {}
        for layer in layers:
            name = layer.get("name",
                             (layer.get("config") or {}).get("name") if isinstance(layer.get("config"), dict) else None)
            if not isinstance(name, str) or name in self.layers:
                _refuse(layer, "층 이름이 없거나 겹칩니다", "its name is missing or used twice")
            self.layers[name] = layer
        self.shapes: dict[tuple[str, int], Shape] = {}

    def nodes(self, name: str) -> list:
        nodes = self.layers[name].get("inbound_nodes", [])
        if not isinstance(nodes, list):
            _refuse(self.layers[name], "inbound_nodes가 목록이 아닙니다", "its inbound_nodes is not a list")
        return nodes

    def ends(self, key: str) -> list[tuple[str, int]]:
        """The model's one input (or output) tensor as (layer name, node index)."""
        ends = self.cfg.get(key)
        if isinstance(ends, list) and ends and isinstance(ends[0], str):
            ends = [ends]  # Keras writes [name, node, tensor] for one and a list of those for several
        refs = [self.ref(end) for end in ends] if isinstance(ends, list) else []
        if len(refs) != 1:
            _refuse(self.obj, f"{key}가 하나가 아닙니다", f"its {key} is not exactly one tensor")
        return refs

    def ref(self, history: Any) -> tuple[str, int]:
        """(layer name, node index) of a ``keras_history`` (or an input/output entry)."""
        if isinstance(history, list) and len(history) == 3 and isinstance(history[0], str) and \
                history[0] in self.layers and history[2] == 0 and isinstance(history[1], int) and \
                not isinstance(history[1], bool) and 0 <= history[1] < max(1, len(self.nodes(history[0]))):
            return history[0], history[1]
        _refuse(self.obj, f"텐서 {_show(history)}를 따라갈 수 없습니다",
                f"the tensor {_show(history)} cannot be followed")

    def source(self, key: tuple[str, int]) -> tuple[str, int] | None:
        """The call whose output feeds call ``key``; None for an input layer."""
        layer = self.layers[key[0]]
        if layer.get("class_name") == "InputLayer":
            return None
        node = self.nodes(key[0])[key[1]]
        if not isinstance(node, dict) or set(node) - {"args", "kwargs"}:
            _refuse(layer, "inbound_nodes의 형식을 읽을 수 없습니다", "its inbound_nodes cannot be read")
        feeds = list(_histories(node))
        if len(feeds) != 1:
            _refuse(layer, f"입력 텐서가 {len(feeds)}개입니다 (하나여야 합니다)",
                    f"it takes {len(feeds)} input tensors, not one")
        return self.ref(feeds[0])

    def resolve(self, key: tuple[str, int], call: Callable[[tuple[str, int], Shape], Shape]) -> Shape:
        """The output shape of call ``key``, its sources resolved first (without recursion: a forged graph
        may be a very long chain); a cycle is refused."""
        stack, waiting = [key], set()
        while stack:
            top = stack[-1]
            if top in self.shapes:
                stack.pop()
                continue
            feed = self.source(top)
            if feed is not None and feed not in self.shapes:
                if feed in waiting:
                    _refuse(self.layers[top[0]], "층들이 순환하며 서로를 입력으로 받습니다",
                            "its layers feed each other in a cycle")
                waiting.add(top)
                stack.append(feed)
                continue
            if feed is None:
                _refuse(self.layers[top[0]], "모델의 입력이 아닌 입력 층입니다",
                        "it is an input layer that is not the model's input")
            self.shapes[top] = call(top, self.shapes[feed])
            stack.pop()
        return self.shapes[key]


def _histories(node: Any) -> list:
    """The ``keras_history`` of every tensor a functional node takes, in its args and kwargs."""
    found, stack = [], [node]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if value.get("class_name") == "__keras_tensor__":
                cfg = value.get("config")
                found.append(cfg.get("keras_history") if isinstance(cfg, dict) else None)
                continue
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return found


def layer_weights(config: dict) -> list[tuple[str, int]]:
    """Every layer of the saved model's config with the number of weights Keras will create for it
    (``'dense' (Dense)``, 100480), nested models' layers in place; :class:`UnsafeModel` where any
    layer cannot be counted exactly."""
    if not isinstance(config, dict) or config.get("class_name") not in MODELS:
        raise UnsafeModel(NOT_A_MODEL)
    walk = _Count()
    walk.model(config, None)
    return walk.parts

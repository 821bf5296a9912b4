"""Vetting a student's saved ``.keras`` file before the trusted trainer loads it.

Keras's ``safe_mode`` refuses lambda bytecode; this is the second wall, and the
one that gives students specific messages. It reads the archive with
``zipfile`` and ``json`` only (no Keras), and accepts a model only when

* the archive holds nothing but ``metadata.json``, ``config.json`` and
  ``model.weights.h5``, within size caps (no zip bombs), and its config nests
  at most :data:`MAX_DEPTH` levels (read without recursion);
* every serialized object in ``config.json`` (the model, its layers,
  initializers, optimizer, loss, metrics) comes from Keras itself: its
  ``module`` is ``keras`` or ``keras.*`` and it is not registered under a
  custom name, and it is not a ``Lambda`` or other code-carrying layer;
* no serialized Python function appears (custom activations and losses);
* nothing can carry trained values past the trainer's re-initialisation: every
  weight initializer is one of Keras's own with single-number settings, and no
  list in the config holds more than :data:`MAX_NUMBERS` numbers.

Anything else is refused with a bilingual message naming the offending object,
so "a custom layer" is a clear, specific failure rather than a Keras traceback.
:func:`normalise` removes initializer seeds (the trainer's seed decides), and
:func:`check_learning_rate` is the trainer's last check before it trains.
"""
from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeGuard

from grader.messages import Message, msg

ALLOWED_ENTRIES = {"metadata.json": 1 << 16, "config.json": 1 << 20, "model.weights.h5": 30 << 20}
# Keras layers that carry code or load other files, refused even though they come from Keras.
CODE_CARRYING = {"Lambda", "TFSMLayer", "TorchModuleWrapper", "JaxLayer", "FlaxLayer"}
# Weight initializers the trainer accepts. Their settings must be plain numbers (a Constant of one
# value, a scale, a gain): the trainer re-initialises the weights under its own seed, and an
# initializer that carries arrays would carry trained weights into the grade.
INITIALIZERS = {"GlorotUniform", "GlorotNormal", "HeNormal", "HeUniform", "LecunNormal", "LecunUniform",
                "RandomNormal", "RandomUniform", "TruncatedNormal", "VarianceScaling", "Zeros", "Ones",
                "Constant", "Orthogonal", "OrthogonalInitializer", "Identity", "IdentityInitializer"}
INITIALIZER_NAMES = {"glorot_uniform", "glorot_normal", "he_normal", "he_uniform", "lecun_normal", "lecun_uniform",
                     "random_normal", "random_uniform", "truncated_normal", "variance_scaling", "zeros", "ones",
                     "orthogonal", "identity"}
# Functions of Keras and TensorFlow a model may name, mapped to the Keras name that reloads in safe
# mode. They are saved as Python functions ({"class_name": "function", "config": <__name__>}):
# ``activation=tf.nn.softmax`` as ``softmax_v2``, ``loss=tf.keras.losses.sparse_categorical_crossentropy``
# as itself. Keras cannot reload them in safe mode, so :func:`normalise` writes the Keras name instead.
# A function of the student's own (any other name) stays refused. (A student function that happens to
# carry a built-in's name is trained as that built-in: no advantage can come of it.)
BUILTIN_FUNCTIONS = {
    **{name: name for name in (
        "relu", "relu6", "sigmoid", "tanh", "softmax", "log_softmax", "elu", "selu", "gelu", "silu", "softplus",
        "softsign", "leaky_relu", "hard_sigmoid", "hard_silu", "exponential", "linear", "mish",
        "sparse_categorical_crossentropy", "categorical_crossentropy", "binary_crossentropy", "mean_squared_error",
        "mean_absolute_error", "mean_absolute_percentage_error", "mean_squared_logarithmic_error", "kl_divergence",
        "hinge", "squared_hinge", "categorical_hinge", "poisson", "huber", "log_cosh", "cosine_similarity",
        "sparse_categorical_accuracy", "categorical_accuracy", "binary_accuracy", "accuracy",
        "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy")},
    "softmax_v2": "softmax", "log_softmax_v2": "log_softmax", "swish": "silu", "sigmoid_v2": "sigmoid",
    "mse": "mean_squared_error", "mae": "mean_absolute_error", "kld": "kl_divergence",
}
MAX_NUMBERS = 64  # the longest list of numbers a config may hold (shapes, strides); weights are not config
MAX_DEPTH = 64  # nesting of config.json (the lab's is about 10 deep)
NOT_A_MODEL = msg("저장된 모델의 config.json이 Keras 모델 형식이 아닙니다.",
                  "the saved model's config.json is not a Keras model.")


class UnsafeModel(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


def _nodes(node: Any) -> Iterator[tuple[str, Any]]:
    """Every value in the config and where it sits, without recursion (a forged config may nest
    thousands deep); deeper than :data:`MAX_DEPTH` is refused."""
    stack: list[tuple[str, Any, int]] = [("", node, 0)]
    while stack:
        where, value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise UnsafeModel(msg(f"저장된 모델의 config.json이 너무 깊게 중첩되어 있습니다 ({MAX_DEPTH}단계 초과).",
                                  f"the saved model's config.json is nested too deeply (over {MAX_DEPTH} levels)."))
        yield where, value
        if isinstance(value, dict):
            stack.extend((f"{where}.{k}" if where else str(k), v, depth + 1) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", v, depth + 1) for i, v in reversed(list(enumerate(value))))


def _objects(node: Any) -> Iterator[tuple[str, dict]]:
    """Every serialized Keras object (a dict with ``class_name``) and where it sits."""
    for where, value in _nodes(node):
        if isinstance(value, dict) and "class_name" in value:
            yield where, value


def object_label(obj: dict) -> str:
    """How a message names a serialized Keras object: its name and class, e.g. ``'dense' (Dense)``."""
    config = obj.get("config")
    name = config.get("name") if isinstance(config, dict) else None
    return f"'{name}' ({obj.get('class_name')})" if name else f"{obj.get('class_name')}"


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_numbers(config: Any) -> None:
    """No long list of numbers anywhere (a lookup table or weights smuggled into the config)."""
    for where, value in _nodes(config):
        if isinstance(value, list) and len(value) > MAX_NUMBERS and any(_is_number(v) or isinstance(v, list)
                                                                        for v in value):
            raise UnsafeModel(msg(
                f"저장된 모델의 설정({where})에 숫자 {len(value)}개가 들어 있습니다. 채점기는 모델을 처음부터 "
                "학습시키므로 설정에는 층의 크기 같은 값만 둘 수 있습니다 (가중치나 표를 넣지 마세요).",
                f"the saved model's config holds {len(value)} numbers at {where}. The grader trains the model "
                "from scratch, so a config may hold settings such as layer sizes only, not weights or tables."))


def _check_initializers(config: Any) -> None:
    for where, value in _nodes(config):
        if not isinstance(value, dict):
            continue
        for key, init in value.items():
            if not str(key).endswith("_initializer") or init is None:
                continue
            if isinstance(init, str) and init in INITIALIZER_NAMES:
                continue
            cls = init.get("class_name") if isinstance(init, dict) else None
            settings = init.get("config") if isinstance(init, dict) else None
            if cls not in INITIALIZERS or not isinstance(settings, dict):
                raise UnsafeModel(msg(
                    f"가중치 초기화 {cls or init!r}({where}.{key})는 채점기에서 쓸 수 없습니다. 'glorot_uniform', "
                    "'he_normal'처럼 Keras에 있는 초기화만 쓰세요.",
                    f"the weight initializer {cls or init!r} (at {where}.{key}) cannot be used by the grader; "
                    "use one of Keras's own, e.g. 'glorot_uniform' or 'he_normal'."))
            for name, setting in settings.items():
                if setting is not None and not _is_number(setting) and not isinstance(setting, str) and not (
                        isinstance(setting, list) and len(setting) <= 4 and all(_is_number(v) for v in setting)):
                    raise UnsafeModel(msg(
                        f"가중치 초기화 {cls}({where}.{key})의 {name}에 숫자 하나가 아닌 값이 있습니다. 채점기는 "
                        "가중치를 "
                        "새로 초기화하므로 학습된 값이나 배열을 초기화에 넣을 수 없습니다.",
                        f"the weight initializer {cls} (at {where}.{key}) has a {name} that is not a single number. "
                        "The grader initialises the weights afresh: an initializer cannot carry trained values "
                        "or arrays."))


def check_learning_rate(config: dict) -> None:
    """Refuse to train with a learning rate of zero or below (the model would stay as initialised).
    Checked by the trainer just before training, so it costs the accuracy test alone."""
    compile_config = config.get("compile_config")
    opt = compile_config.get("optimizer") if isinstance(compile_config, dict) else None
    settings = opt.get("config") if isinstance(opt, dict) else None
    if not isinstance(settings, dict):
        return
    lr = settings.get("learning_rate")
    if isinstance(lr, dict):
        lr = (lr.get("config") or {}).get("initial_learning_rate") if isinstance(lr.get("config"), dict) else None
    if _is_number(lr) and not (0 < lr < float("inf")):
        raise UnsafeModel(msg(
            f"옵티마이저의 학습률이 {lr!r}입니다. 학습률이 0이나 음수이면 모델이 학습하지 않습니다.",
            f"the optimizer's learning rate is {lr!r}; with a learning rate of zero or below the model does "
            "not learn."))


def _builtin_name(value: Any) -> str | None:
    if isinstance(value, dict) and value.get("class_name") == "function" and isinstance(value.get("config"), str):
        return BUILTIN_FUNCTIONS.get(value["config"])
    return None


def normalise(config: dict) -> dict:
    """``config`` as the grader reads and loads it: Keras's and TensorFlow's functions written as their
    Keras names (``softmax_v2`` -> ``"softmax"``), and every initializer's ``seed`` removed, so the
    trainer's seed decides the start (a seed fixed in the config would let a student choose the
    initial weights)."""
    import copy

    out = copy.deepcopy(config)
    for _, value in _nodes(out):
        if isinstance(value, dict):
            for key, item in list(value.items()):
                name = _builtin_name(item)
                if name is not None:
                    value[key] = name
                elif str(key).endswith("_initializer") and isinstance(item, dict) and \
                        isinstance(item.get("config"), dict) and "seed" in item["config"]:
                    item["config"]["seed"] = None
        elif isinstance(value, list):
            for i, item in enumerate(value):
                name = _builtin_name(item)
                if name is not None:
                    value[i] = name
    return out


def check_config(config: Any) -> None:
    """Raise :class:`UnsafeModel` for the first object in ``config`` that is not plain Keras, or for
    settings that would let a model reach the grade without the grader's training."""
    if not isinstance(config, dict) or "class_name" not in config:
        raise UnsafeModel(NOT_A_MODEL)
    for where, obj in _objects(config):
        cls = obj.get("class_name")
        if cls == "__keras_tensor__" and "module" not in obj:
            continue  # a functional model's graph edge, not an object to deserialize
        module = obj.get("module")
        if cls == "function" or module == "builtins":
            fn = obj.get("config") if isinstance(obj.get("config"), str) else "?"
            if cls == "function" and fn in BUILTIN_FUNCTIONS:
                continue  # Keras's or TensorFlow's own (tf.nn.relu, keras.losses.*): normalise() names it
            raise UnsafeModel(msg(
                f"직접 정의한 함수 '{fn}'(위치: {where})는 채점기에서 불러올 수 없습니다. "
                "활성화 함수와 손실 함수는 'relu', 'softmax', 'sparse_categorical_crossentropy'처럼 Keras 이름으로 "
                "지정하세요.",
                f"your own function '{fn}' (at {where}) cannot be loaded by the grader. Name activations and "
                "losses the Keras way, e.g. 'relu', 'softmax', 'sparse_categorical_crossentropy'."))
        if not isinstance(module, str) or not (module == "keras" or module.startswith("keras.")) or \
                obj.get("registered_name") not in (None, cls):
            origin = f" (module {module!r})" if isinstance(module, str) else ""
            raise UnsafeModel(msg(
                f"직접 만든 클래스 {object_label(obj)}{origin}는 채점기에서 불러올 수 없습니다. "
                "keras.layers의 기본 층(Flatten, Dropout, Dense 등)만으로 모델을 만드세요.",
                f"your own class {object_label(obj)}{origin} cannot be loaded by the grader. "
                "Build the model from keras.layers' built-in layers only (Flatten, Dropout, Dense, ...)."))
        if cls in CODE_CARRYING:
            raise UnsafeModel(msg(
                f"{object_label(obj)} 층은 코드를 담고 있어 채점기에서 불러오지 않습니다. keras.layers의 기본 층만 "
                "쓰세요.",
                f"the {object_label(obj)} layer carries code, so the grader does not load it. "
                "Use keras.layers' built-in layers only."))
    _check_numbers(config)
    _check_initializers(config)


def check_archive(path: Path) -> dict:
    """Vet the ``.keras`` archive at ``path``; return its config as the grader uses it (normalised)."""
    config = read_config(path)
    check_config(config)
    return normalise(config)


def read_config(path: str | os.PathLike[str]) -> dict:
    """The archive's config.json, parsed within the caps (entries, sizes, nesting), not yet vetted:
    what the architecture tests read, so a refused model still has its layers checked."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = [i.filename for i in infos]
            extra = [n for n in names if n not in ALLOWED_ENTRIES]
            if extra or "config.json" not in names or "model.weights.h5" not in names:
                raise UnsafeModel(msg(
                    f"저장된 모델 파일의 구성이 예상과 다릅니다 (파일: {', '.join(names)[:200]}).",
                    f"the saved model file does not have the expected contents (files: {', '.join(names)[:200]})."))
            for info in infos:
                if info.file_size > ALLOWED_ENTRIES[info.filename]:
                    raise UnsafeModel(msg(
                        f"저장된 모델의 {info.filename}이(가) 너무 큽니다 ({info.file_size / 2**20:.1f} MiB). "
                        "이 실습의 모델은 0.5 MiB 정도입니다.",
                        f"the saved model's {info.filename} is too large ({info.file_size / 2**20:.1f} MiB); "
                        "the lab's model is about 0.5 MiB."))
            config = json.loads(archive.read("config.json"))
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RecursionError) as exc:
        raise UnsafeModel(msg(f"저장된 모델 파일을 읽을 수 없습니다 ({type(exc).__name__}).",
                              f"the saved model file could not be read ({type(exc).__name__}).")) from None
    if not isinstance(config, dict) or "class_name" not in config:
        raise UnsafeModel(NOT_A_MODEL)
    for _ in _nodes(config):  # the nesting cap, before anything walks it recursively
        pass
    return config

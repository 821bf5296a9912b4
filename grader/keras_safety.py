"""Vetting a student's saved ``.keras`` file before the trusted trainer loads it.

Keras's ``safe_mode`` refuses lambda bytecode; this is the second wall, and the
one that gives students specific messages. It reads the archive with
``zipfile`` and ``json`` only (no Keras), and accepts a model only when

* the archive holds nothing but ``metadata.json``, ``config.json`` and
  ``model.weights.h5``, within size caps (no zip bombs);
* every serialized object in ``config.json`` (the model, its layers,
  initializers, optimizer, loss, metrics) comes from Keras itself: its
  ``module`` is ``keras`` or ``keras.*`` and it is not registered under a
  custom name, and it is not a ``Lambda`` or other code-carrying layer;
* no serialized Python function appears (custom activations and losses).

Anything else is refused with a bilingual message naming the offending object,
so "a custom layer" is a clear, specific failure rather than a Keras traceback.
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any, Iterator

from grader.messages import Message, msg

ALLOWED_ENTRIES = {"metadata.json": 1 << 16, "config.json": 1 << 20, "model.weights.h5": 30 << 20}
# Keras layers that carry code or load other files, refused even though they come from Keras.
CODE_CARRYING = {"Lambda", "TFSMLayer", "TorchModuleWrapper", "JaxLayer", "FlaxLayer"}


class UnsafeModel(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


def _objects(node: Any, where: str = "") -> Iterator[tuple[str, dict]]:
    """Every serialized Keras object (a dict with ``class_name``) and where it sits."""
    if isinstance(node, dict):
        if "class_name" in node:
            yield where, node
        for key, value in node.items():
            yield from _objects(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _objects(value, f"{where}[{i}]")


def _name_of(obj: dict) -> str:
    config = obj.get("config")
    name = config.get("name") if isinstance(config, dict) else None
    return f"'{name}' ({obj.get('class_name')})" if name else f"{obj.get('class_name')}"


def check_config(config: Any) -> None:
    """Raise :class:`UnsafeModel` for the first object in ``config`` that is not plain Keras."""
    if not isinstance(config, dict) or "class_name" not in config:
        raise UnsafeModel(msg("저장된 모델의 config.json이 Keras 모델 형식이 아닙니다.",
                              "the saved model's config.json is not a Keras model."))
    for where, obj in _objects(config):
        cls = obj.get("class_name")
        if cls == "__keras_tensor__" and "module" not in obj:
            continue  # a functional model's graph edge, not an object to deserialize
        module = obj.get("module")
        if cls == "function" or module == "builtins":
            fn = obj.get("config") if isinstance(obj.get("config"), str) else "?"
            raise UnsafeModel(msg(
                f"직접 정의한 함수 '{fn}'(위치: {where})는 채점기에서 불러올 수 없습니다. "
                "활성화 함수와 손실 함수는 'relu', 'softmax', 'sparse_categorical_crossentropy'처럼 Keras 이름으로 지정하세요.",
                f"your own function '{fn}' (at {where}) cannot be loaded by the grader. Name activations and "
                "losses the Keras way, e.g. 'relu', 'softmax', 'sparse_categorical_crossentropy'."))
        if not isinstance(module, str) or not (module == "keras" or module.startswith("keras.")) or \
                obj.get("registered_name") not in (None, cls):
            origin = f" (module {module!r})" if isinstance(module, str) else ""
            raise UnsafeModel(msg(
                f"직접 만든 클래스 {_name_of(obj)}{origin}는 채점기에서 불러올 수 없습니다. "
                "keras.layers의 기본 층(Flatten, Dropout, Dense 등)만으로 모델을 만드세요.",
                f"your own class {_name_of(obj)}{origin} cannot be loaded by the grader. "
                "Build the model from keras.layers' built-in layers only (Flatten, Dropout, Dense, ...)."))
        if cls in CODE_CARRYING:
            raise UnsafeModel(msg(
                f"{_name_of(obj)} 층은 코드를 담고 있어 채점기에서 불러오지 않습니다. keras.layers의 기본 층만 쓰세요.",
                f"the {_name_of(obj)} layer carries code, so the grader does not load it. "
                "Use keras.layers' built-in layers only."))


def check_archive(path: Path) -> dict:
    """Vet the ``.keras`` archive at ``path``; return its parsed config.json."""
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
    except (zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
        raise UnsafeModel(msg(f"저장된 모델 파일을 읽을 수 없습니다 ({type(exc).__name__}).",
                              f"the saved model file could not be read ({type(exc).__name__}).")) from None
    check_config(config)
    return config

"""Safe value codec and framing between the trusted oracle and the sandboxed worker.

Values cross as JSON with a few tagged objects. Nothing here can execute code
while decoding (no pickle, no ``eval``): a hostile worker can at worst send
malformed data, which decodes to a :class:`CodecError`.

Tagged forms (a JSON object with exactly one key starting with ``$``):

* ``{"$nd": [dtype, shape, base64]}``  numpy array of a numeric or bool dtype
* ``{"$np": [dtype, base64]}``         numpy scalar (keeps ``np.int64`` vs ``int``)
* ``{"$tuple": [...]}``                tuple
* ``{"$dict": [[k, v], ...]}``         dict (keys of any encodable type)
* ``{"$ref": [id, type_name]}``        handle to an object living in the worker
* ``{"$cb": id}``                      callable living in the oracle (called back)
* ``{"$float": "nan"|"inf"|"-inf"}``   non-finite Python float

This module is imported inside the sandbox, so it depends on numpy and the
standard library only.
"""
from __future__ import annotations

import base64
import json
import math
import os
import select
import struct
import time
from collections.abc import Callable
from typing import Any

import numpy as np

MAX_MESSAGE_BYTES = 64 * 2**20  # one frame; an array larger than this cannot cross
# JSON values in one frame (counted as its ``[``, ``{``, ``,`` and ``:`` before parsing). Arrays cross as
# base64 text, which has none of these, so this bounds only lists and dicts: 60 MB of nested
# one-element lists would otherwise become tens of millions of Python objects (4.7 GB) in the oracle.
MAX_ITEMS = 1_000_000
MAX_DEPTH = 40
_ALLOWED_KINDS = frozenset("biufc")  # bool, signed, unsigned, float, complex
_HEADER = struct.Struct(">I")


class CodecError(ValueError):
    """A value could not be encoded, or a frame could not be decoded."""


class ChannelClosed(EOFError):
    """The other side closed its end of the pipe (usually: the worker died)."""


class ChannelTimeout(TimeoutError):
    """No complete frame arrived before the deadline."""


def _check_dtype(dtype: np.dtype) -> None:
    if dtype.kind not in _ALLOWED_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise CodecError(f"numpy dtype {dtype} cannot cross (only bool, int, float, complex)")


def encode(value: Any, on_unknown: Callable[[Any], dict] | None = None, _depth: int = 0,
           _count: list[int] | None = None) -> Any:
    """Turn ``value`` into JSON-ready data. ``on_unknown`` maps other objects to a tag.
    More than :data:`MAX_ITEMS` list, tuple or dict items in all is refused as soon as it is seen."""
    if _depth > MAX_DEPTH:
        raise CodecError("value is nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int) and type(value) is int:
        return value
    if type(value) is float:
        if math.isfinite(value):
            return value
        return {"$float": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}
    if isinstance(value, np.ndarray) and type(value) is np.ndarray:
        _check_dtype(value.dtype)
        data = np.ascontiguousarray(value).tobytes()
        return {"$nd": [value.dtype.str, list(value.shape), base64.b64encode(data).decode("ascii")]}
    if isinstance(value, np.generic) and type(value).__module__ == "numpy":
        _check_dtype(value.dtype)
        return {"$np": [value.dtype.str, base64.b64encode(value.tobytes()).decode("ascii")]}
    if type(value) in (list, tuple, dict):
        count = [0] if _count is None else _count
        count[0] += len(value)
        if count[0] > MAX_ITEMS:
            raise CodecError(f"a value with more than {MAX_ITEMS:,} list or dict items (return many numbers as "
                             "one numpy array)")
        if type(value) is list:
            return [encode(v, on_unknown, _depth + 1, count) for v in value]
        if type(value) is tuple:
            return {"$tuple": [encode(v, on_unknown, _depth + 1, count) for v in value]}
        return {"$dict": [[encode(k, on_unknown, _depth + 1, count), encode(v, on_unknown, _depth + 1, count)]
                          for k, v in value.items()]}
    if on_unknown is not None:
        return on_unknown(value)
    raise CodecError(f"a value of type {type(value).__name__} cannot cross the sandbox boundary")


def _tagged(obj: dict, on_tag: Callable[[str, Any], Any] | None, depth: int) -> Any:
    if len(obj) != 1:
        raise CodecError("malformed tagged value")
    (tag, payload), = obj.items()
    if tag == "$nd":
        dtype_s, shape, data = payload
        dtype = np.dtype(str(dtype_s))
        _check_dtype(dtype)
        if not isinstance(shape, list) or not all(isinstance(n, int) and n >= 0 for n in shape):
            raise CodecError("malformed array shape")
        raw = base64.b64decode(str(data), validate=True)
        count = math.prod(shape)
        if len(raw) != count * dtype.itemsize:
            raise CodecError("array data does not match its shape")
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    if tag == "$np":
        dtype_s, data = payload
        dtype = np.dtype(str(dtype_s))
        _check_dtype(dtype)
        raw = base64.b64decode(str(data), validate=True)
        if len(raw) != dtype.itemsize:
            raise CodecError("malformed numpy scalar")
        return np.frombuffer(raw, dtype=dtype)[0]
    if tag == "$tuple":
        return tuple(decode(v, on_tag, depth + 1) for v in payload)
    if tag == "$dict":
        out = {}
        for pair in payload:
            k, v = pair
            key = decode(k, on_tag, depth + 1)
            try:
                hash(key)
            except TypeError:
                raise CodecError("unhashable dict key") from None
            out[key] = decode(v, on_tag, depth + 1)
        return out
    if tag == "$float":
        if payload not in ("nan", "inf", "-inf"):
            raise CodecError("malformed float")
        return float(payload)
    if tag in ("$ref", "$cb") and on_tag is not None:
        return on_tag(tag, payload)
    raise CodecError(f"unknown tag {tag!r}")


def decode(data: Any, on_tag: Callable[[str, Any], Any] | None = None, depth: int = 0) -> Any:
    """Inverse of :func:`encode`; raises :class:`CodecError` on anything malformed."""
    if depth > MAX_DEPTH:
        raise CodecError("value is nested too deeply")
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(v, on_tag, depth + 1) for v in data]
    if isinstance(data, dict):
        try:
            return _tagged(data, on_tag, depth)
        except CodecError:
            raise
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            raise CodecError(f"malformed tagged value: {exc}") from None
    raise CodecError("malformed value")


# ---------------------------------------------------------------- framing
def _check_items(body: bytes) -> None:
    """Refuse a frame holding more than :data:`MAX_ITEMS` JSON values (cheap: counts bytes, parses nothing)."""
    if body.count(b"[") + body.count(b"{") + body.count(b",") + body.count(b":") > MAX_ITEMS:
        raise CodecError(f"a value with more than {MAX_ITEMS:,} list or dict items (return many numbers as "
                         "one numpy array)")


def send_frame(fd: int, message: dict, deadline: float | None = None) -> None:
    """Write one length-prefixed JSON frame; with a ``deadline`` (a ``time.monotonic()`` value), raise
    :class:`ChannelTimeout` if the reader has not taken it all by then (a worker that stopped reading
    must not hang the oracle)."""
    body = json.dumps(message, separators=(",", ":")).encode("utf-8")
    if len(body) > MAX_MESSAGE_BYTES:
        raise CodecError(f"message of {len(body)} bytes is over the {MAX_MESSAGE_BYTES} byte limit")
    _check_items(body)
    view = memoryview(_HEADER.pack(len(body)) + body)
    if deadline is None:
        while view:
            n = os.write(fd, view)
            view = view[n:]
        return
    blocking = os.get_blocking(fd)
    os.set_blocking(fd, False)
    try:
        while view:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([], [fd], [], left)[1]:
                raise ChannelTimeout()
            try:
                n = os.write(fd, view)
            except BlockingIOError:
                continue
            view = view[n:]
    finally:
        os.set_blocking(fd, blocking)


Side = tuple[int, Callable[[], bool]]


def _read_exact(fd: int, n: int, deadline: float | None, side: list[Side | None]) -> bytes:
    """Read ``n`` bytes. ``side[0]``, while set, is another (fd, callback) served while waiting; the
    callback returns False once it has closed its fd (the worker's output at EOF), which is then
    no longer watched (selecting on a closed fd fails, or worse, watches whatever reuses its number)."""
    chunks: list[bytes] = []
    while n:
        while deadline is not None or side[0] is not None:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise ChannelTimeout()
            current = side[0]
            ready, _, _ = select.select([fd] if current is None else [fd, current[0]], [], [], left)
            if current is not None and current[0] in ready and current[1]() is False:
                side[0] = None  # e.g. drained the worker's stdout to its end
            if fd in ready:
                break
            if not ready and left is not None:
                raise ChannelTimeout()
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise ChannelClosed()
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def recv_frame(fd: int, deadline: float | None = None, side: Side | None = None) -> dict:
    """Read one frame; ``deadline`` is a ``time.monotonic()`` value or None (wait forever).

    ``side`` is another (fd, callback): while waiting, the callback runs whenever
    that fd is readable; it returns False when it has closed that fd.
    """
    watched: list[Side | None] = [side]
    (size,) = _HEADER.unpack(_read_exact(fd, _HEADER.size, deadline, watched))
    if size > MAX_MESSAGE_BYTES:
        raise CodecError(f"frame of {size} bytes is over the {MAX_MESSAGE_BYTES} byte limit")
    raw = _read_exact(fd, size, deadline, watched)
    _check_items(raw)
    try:
        message = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CodecError(f"malformed frame: {exc}") from None
    except RecursionError:
        raise CodecError("malformed frame: nested too deeply") from None
    if not isinstance(message, dict):
        raise CodecError("malformed frame: not an object")
    return message

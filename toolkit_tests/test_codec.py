"""The codec carries data only; anything malformed is a CodecError, never code execution."""
from __future__ import annotations

import math
import os

import numpy as np
import pytest

from grader.sandbox import codec


@pytest.mark.parametrize("value", [
    None, True, 3, -2**70, 1.5, "한글", [1, [2, 3]], (1, 2.0), {"a": 1, 2: [3]},
    np.arange(6, dtype=np.int32).reshape(2, 3), np.float32(1.25), np.int64(7), np.bool_(True),
    np.zeros((0, 3)), np.array(2.5), np.array([1 + 2j]),
])
def test_roundtrip(value):
    back = codec.decode(codec.encode(value))
    if isinstance(value, np.ndarray):
        assert type(back) is np.ndarray and back.dtype == value.dtype and back.shape == value.shape
        assert np.array_equal(back, value)
    else:
        assert type(back) is type(value) and back == value


def test_non_finite_floats_roundtrip():
    back = codec.decode(codec.encode([math.nan, math.inf, -math.inf]))
    assert math.isnan(back[0]) and back[1] == math.inf and back[2] == -math.inf


@pytest.mark.parametrize("value", [object(), np.array(["a"]), np.array([object()]), type("S", (float,), {})(1.0),
                                   np.arange(3).view(type("Sub", (np.ndarray,), {}))])
def test_refuses_non_data(value):
    with pytest.raises(codec.CodecError):
        codec.encode(value)


@pytest.mark.parametrize("data", [
    {"$nd": ["|O", [1], "AAAA"]},           # object dtype
    {"$nd": ["<f8", [2], "AAAAAAAAAAA="]},  # size mismatch
    {"$nd": ["<f8", [-1], ""]},
    {"$np": ["<f8", "AA=="]},
    {"$pickle": "gASVAAAAAAAAAAB9lC4="},
    {"$tuple": [], "$dict": []},
    {"$dict": [[[1], 2]]},                  # unhashable key
    {"$float": "1e999"},
])
def test_malformed_is_codec_error(data):
    with pytest.raises(codec.CodecError):
        codec.decode(data)


def test_deep_nesting_refused():
    value: list = []
    for _ in range(100):
        value = [value]
    with pytest.raises(codec.CodecError):
        codec.encode(value)


def test_frames_over_pipe_and_limits():
    r, w = os.pipe()
    try:
        codec.send_frame(w, {"ok": codec.encode(np.ones(3))})
        assert np.array_equal(codec.decode(codec.recv_frame(r)["ok"]), np.ones(3))
        os.write(w, (codec.MAX_MESSAGE_BYTES + 1).to_bytes(4, "big"))
        with pytest.raises(codec.CodecError):
            codec.recv_frame(r)
        os.write(w, (5).to_bytes(4, "big") + b"{bad}")
        with pytest.raises(codec.CodecError):
            codec.recv_frame(r)
    finally:
        os.close(r)
        os.close(w)


def test_recv_times_out():
    import time

    r, w = os.pipe()
    try:
        with pytest.raises(codec.ChannelTimeout):
            codec.recv_frame(r, time.monotonic() + 0.05)
    finally:
        os.close(r)
        os.close(w)

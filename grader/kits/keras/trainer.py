"""The trusted Keras trainer process (a06): ``python -I -m grader.kits.keras.trainer``.

It is grader code only. It starts early (TensorFlow's import and reading the
data overlap the student's ``build_model()`` in the sandboxed worker), then
answers one request on stdin with JSON lines on stdout:

1. ``{"ready": {...}}`` once Keras is imported and the data set is read, or
   ``{"fatal": {"code", "message"}}`` (no GPU where one is required, no data).
2. Request ``{"model": path, "epochs", "batch_size", "seed", ...}``: the file
   is vetted (:mod:`grader.kits.keras.safety`) and loaded with ``safe_mode=True``;
   ``{"loaded": {...}}`` gives input/output shapes, parameter count and the
   compile settings, or ``{"error": {...}}``.
3. The model's weights are re-initialised under the grader's seed
   (``clone_model``), so every student starts from the same budget and nothing
   trained inside ``build_model()`` carries over; it is compiled with the
   student's optimizer and loss, trained for the lab's epochs and batch size on
   the 60,000 training images, and evaluated on the 10,000 test images that
   student code never sees: ``{"result": {...}}``.

Speed-ups that leave the lab's maths alone: ``steps_per_execution`` (many
optimizer steps per call into the compiled graph; the updates are the same),
``run_eagerly`` off, float32 arrays prepared once. XLA (``jit_compile``) is
off by default: on a 2-core CPU it made this model 15x slower (see
``benchmarks/bench_a06.py``). The student's own ``steps_per_execution``,
``jit_compile`` and ``run_eagerly`` settings are replaced by the grader's.

Results are cached (request field ``cache_dir``) under :func:`cache_key`: since the
weights are replaced, a training result is a function of the model's config, the
settings, the versions, the data and this code, and op determinism makes it the
same figure a rerun would give. A class full of the slides' exact model trains it once.
On a host where only the CPU can be used, the answers are also filed under a key the
oracle computes without TensorFlow, so a later oracle need not start a trainer at all
(:mod:`grader.kits.keras.recall`).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

from grader.kits.keras import SETTINGS_DEFAULTS

MAX_PARAMS = 5_000_000  # the lab's network has 104,938; this keeps one submission's training bounded


def _die_with_parent(parent: int | None) -> None:
    """The trainer never outlives the oracle that started it (Linux; elsewhere stdin EOF ends it),
    also when the oracle died before this line ran."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def _own_memory_limit() -> None:
    """Lift the oracle's address-space limit (inherited, soft): TensorFlow and CUDA reserve far more
    address space than they use. The trainer's bounds are its resident memory, kept by the oracle
    (:class:`grader.kits.keras.client.Trainer` kills it past ``training.memory_mb``), and its private
    memory, kept by itself (:func:`_limit_data`)."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def _limit_data(memory_mb: int) -> None:
    """The trainer's own bound on its memory, whatever its caller watches or its weight count missed:
    RLIMIT_DATA (private writable memory: heap, anonymous maps, thread stacks) at ``training.memory_mb``,
    set once TensorFlow is imported and the data read, just before the model is loaded. A tensor past
    it fails as ``ResourceExhaustedError`` (or ``MemoryError``), answered as code ``memory``; the oracle's
    RSS watchdog stays the bound for anything else. Measured on a 2-core CPU: peak VmData 920 MiB
    training the a06 reference and 1400 MiB the a08 one (an epoch of 6,000 examples), well below the
    default 6144 MiB; a 300,000-unit Dense (235M weights)
    under a 2048 MiB limit failed cleanly with ResourceExhaustedError. RLIMIT_AS cannot be used
    (TensorFlow maps about 2 GB of address space by being imported). Not set on a GPU, where it has
    not been measured (CUDA's host mappings)."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    limit = int(memory_mb) << 20 if hard == resource.RLIM_INFINITY else min(int(memory_mb) << 20, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def over_memory(memory_mb: float, doing: str) -> str:
    """What a trainer stopped for memory says, whether its own limit or the oracle's watchdog stopped it."""
    return f"training needed more than {memory_mb:g} MiB of memory (training.memory_mb) while {doing}"


def _out_of_memory(exc: BaseException) -> bool:
    """A refusal of :func:`_limit_data`'s limit, as NumPy or TensorFlow raise it."""
    return isinstance(exc, MemoryError) or type(exc).__name__ == "ResourceExhaustedError"


def _emit(kind: str, payload: Any) -> None:
    out = sys.__stdout__
    assert out is not None, "the trainer reports on its stdout, a pipe from the client"
    out.write(json.dumps({kind: payload}) + "\n")
    out.flush()


def _prepare_env(backend: str, device: str) -> None:
    os.environ["KERAS_BACKEND"] = backend
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    # Several trainers may share one GPU (grade --jobs N): take memory as needed, not all of it up front
    # (JAX's default preallocation made a second trainer fail with CUDA_ERROR_OUT_OF_MEMORY on an H100).
    os.environ.setdefault("TF_FORCE_GPU_ALLOW_GROWTH", "true")
    if device == "cpu":
        os.environ["CUDA_VISIBLE_DEVICES"] = ""


def _gpu_name(backend: str) -> str | None:
    """The accelerator the backend will use, or None on the CPU."""
    if backend == "tensorflow":
        import tensorflow as tf

        gpus = tf.config.list_physical_devices("GPU")
        if not gpus:
            return None
        details = tf.config.experimental.get_device_details(gpus[0])
        return str(details.get("device_name") or gpus[0].name)
    if backend == "torch":
        import torch

        return torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
    return None


def _backend_version(backend: str) -> str:
    module = __import__(backend)
    return str(getattr(module, "__version__", "?"))


def _seed(keras: Any, backend: str, seed: int) -> None:
    keras.utils.set_random_seed(seed)
    if backend == "tensorflow":
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()


class TooBig(Exception):
    """The config declares more weights than :data:`MAX_PARAMS`; ``details`` names its largest layer
    (the oracle words the student's message from them, in both languages)."""

    def __init__(self, params: int, layer: str | None = None, layer_params: int | None = None) -> None:
        super().__init__(f"{params:,} parameters (limit {MAX_PARAMS:,})")
        self.details = {"params": params, "limit": MAX_PARAMS, "layer": layer, "layer_params": layer_params}


def _normalised_copy(path: Path, config: dict) -> Path:
    """The vetted archive again with its normalised config (:func:`keras_safety.normalise`): Keras names
    for Keras's and TensorFlow's functions, no initializer seeds."""
    import zipfile

    out = path.with_name("normalised.keras")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for name in ("metadata.json", "model.weights.h5"):
            if name in src.namelist():
                dst.writestr(name, src.read(name))
        dst.writestr("config.json", json.dumps(config))
    return out


def _load(keras: Any, path: Path) -> tuple[Any, dict, dict]:
    from grader.kits.keras.arch import compile_summary
    from grader.kits.keras.safety import check_archive
    from grader.kits.keras.weights import layer_weights

    config = check_archive(path)
    # Refused before Keras builds anything (a forged Dense(512000) is 1.6 GB); a layer the count cannot
    # follow is refused too (UnsafeModel), never skipped.
    parts = layer_weights(config)
    declared = sum(n for _, n in parts)
    if declared > MAX_PARAMS:
        label, largest = max(parts, key=lambda part: part[1])
        raise TooBig(declared, label, largest)
    model = keras.saving.load_model(_normalised_copy(path, config), safe_mode=True, compile=True)
    info = {
        "input_shape": list(model.input_shape) if not isinstance(model.input_shape, list) else None,
        "output_shape": list(model.output_shape) if not isinstance(model.output_shape, list) else None,
        "params": int(model.count_params()),
        # Keras 3 gives a loaded uncompiled model no `optimizer` attribute at all
        "compiled": getattr(model, "optimizer", None) is not None and getattr(model, "compiled", True),
        "compile": compile_summary(config),
    }
    return model, info, config


def _strip_ids(node: Any) -> Any:
    """The config without ``shared_object_id`` (a memory address, different in every process)."""
    if isinstance(node, dict):
        return {k: _strip_ids(v) for k, v in node.items() if k != "shared_object_id"}
    if isinstance(node, list):
        return [_strip_ids(v) for v in node]
    return node


def cache_key(config: dict, req: dict, backend: str, device: str, versions: dict, dataset: str,
              fingerprint: bytes) -> str:
    """What determines a training result: the model's config and compile config (its weights do not
    matter: they are replaced), the lab's settings and seeds, the backend, device and library
    versions, the data (its fingerprint: for Fashion-MNIST the gzip trailers, CRC-32 and size of each
    file's contents) and this trainer's code."""
    import hashlib

    h = hashlib.sha256()
    for path in (Path(__file__), Path(__file__).with_name("safety.py")):
        h.update(path.read_bytes())
    h.update(dataset.encode() + b"\0" + fingerprint)
    settings = {k: req.get(k) for k in ("epochs", "batch_size", "seed", "seeds", "steps_per_execution", "jit_compile",
                                        "train_examples")}
    h.update(json.dumps([_strip_ids(config), settings, backend, device, versions], sort_keys=True).encode())
    return h.hexdigest()


def _fitted(x: Any, shape: Any) -> Any:
    """The data in the shape the model takes: for a model that declares a channel axis the data lack,
    (28, 28, 1) for (N, 28, 28) images, the axis is added (the slides' CNN reshapes the data itself;
    here the grader does it, so the student's model is what is graded)."""
    want = tuple(shape[1:]) if isinstance(shape, (list, tuple)) and shape and not isinstance(shape[0],
                                                                                             (list, tuple)) else None
    if want and len(want) == x.ndim and want[-1] == 1 and tuple(want[:-1]) == tuple(x.shape[1:]):
        return x[..., None]
    return x


def _train(keras: Any, loaded: Any, data: Any, req: dict, backend: str) -> dict:
    """Train a fresh copy of the model once per grader seed; the run with the best test accuracy is
    the result (``seed_accuracies`` lists them all). One seed is the usual case; a lab whose result
    depends on the initialisation (XOR) asks for several (grading.yml ``training.best_of``)."""
    seeds = [int(s) for s in (req.get("seeds") or [req["seed"]])]
    runs = [_train_once(keras, loaded, data, req, backend, seed) for seed in seeds]
    best = max(runs, key=lambda r: r["test_accuracy"])
    return {**best, "seed_accuracies": [r["test_accuracy"] for r in runs], "seeds": seeds,
            "train_seconds": round(sum(r["train_seconds"] for r in runs), 3),
            "eval_seconds": round(sum(r["eval_seconds"] for r in runs), 3)}


def _train_once(keras: Any, loaded: Any, data: Any, req: dict, backend: str, seed: int) -> dict:
    import numpy as np

    _seed(keras, backend, seed)
    model = keras.models.clone_model(loaded)  # fresh weights from the grader's seed (see module docstring)
    # The student's optimizer and loss, rebuilt from their (vetted) config so the optimizer starts fresh;
    # the grader's own accuracy metric and speed settings (which do not change the updates).
    compile_config = loaded.get_compile_config() or {}
    opt, loss = compile_config.get("optimizer"), compile_config.get("loss")
    if opt is None or loss is None:
        raise ValueError("the model was not compiled with an optimizer and a loss")
    out_units = model.output_shape[-1] if isinstance(model.output_shape, tuple) else None
    binary = out_units == 1  # one sigmoid unit (XOR): labels as floats, accuracy at the 0.5 threshold
    metric = keras.metrics.BinaryAccuracy(name="accuracy") if binary else \
        keras.metrics.SparseCategoricalAccuracy(name="accuracy")
    model.compile(optimizer=keras.optimizers.deserialize(opt) if isinstance(opt, dict) else keras.optimizers.get(opt),
                  loss=keras.losses.deserialize(loss) if isinstance(loss, dict) else keras.losses.get(loss),
                  metrics=[metric], run_eagerly=False,
                  # Keras refuses steps_per_execution > 1 on the torch backend
                  steps_per_execution=1 if backend == "torch" else int(req.get("steps_per_execution", 1)),
                  jit_compile=bool(req.get("jit_compile", False)))
    x_train, x_test = _fitted(data.x_train, model.input_shape), _fitted(data.x_test, model.input_shape)
    y_train = data.y_train.astype(np.float32).reshape(-1, 1) if binary else data.y_train
    if req.get("train_examples"):
        # The first N training examples only (training.train_examples): a short training for checks of how
        # a model is written, never for a grade's accuracy bar. The test set stays whole.
        x_train, y_train = x_train[:int(req["train_examples"])], y_train[:int(req["train_examples"])]
    y_test = data.y_test.astype(np.float32).reshape(-1, 1) if binary else data.y_test
    epochs, batch_size, n = int(req["epochs"]), int(req["batch_size"]), len(x_train)
    start = time.perf_counter()
    if batch_size >= n and epochs > 1:
        # Each epoch is one full-batch step (XOR: 4 points, 1000 epochs). The data tiled ``epochs`` times,
        # unshuffled, in batches of ``n`` gives exactly those steps in one epoch, without Keras's
        # per-epoch overhead (validation, callbacks), which made 1000 tiny epochs take minutes.
        history = model.fit(np.tile(x_train, (epochs,) + (1,) * (x_train.ndim - 1)),
                            np.tile(y_train, (epochs,) + (1,) * (y_train.ndim - 1)),
                            epochs=1, batch_size=n, shuffle=False, verbose=0)
    else:
        history = model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size,
                            validation_data=(x_test, y_test), validation_batch_size=1000,
                            shuffle=True, verbose=0)
    train_seconds = time.perf_counter() - start
    probs = np.asarray(model.predict(x_test, batch_size=1000, verbose=0))
    pred = (probs.reshape(-1) > 0.5).astype(np.int32) if binary else probs.reshape(len(data.y_test), -1).argmax(axis=1)
    correct = pred == data.y_test
    per_class = [float(correct[data.y_test == c].mean()) if np.any(data.y_test == c) else None
                 for c in range(int(data.classes))]

    def clean(values: list) -> list:
        return [float(v) if np.isfinite(v) else None for v in values]

    hist = {k: clean(v) for k, v in history.history.items()}
    return {"test_accuracy": float(correct.mean()), "per_class_accuracy": per_class, "history": hist,
            "seed": seed, "train_seconds": round(train_seconds, 3),
            "eval_seconds": round(time.perf_counter() - start - train_seconds, 3),
            "nan_loss": any(v is None for v in hist.get("loss", []))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader.kits.keras.trainer")
    # JAX is left out on purpose: on an H100 this trainer under JAX did not finish 10 epochs in 100 s
    # (twice) while a plain JAX model.fit took 19 s; the cause is not found yet (docs/keras.md, "GPU").
    parser.add_argument("--backend", default="tensorflow", choices=["tensorflow", "torch"])
    parser.add_argument("--device", default="auto", choices=["auto", "gpu", "cpu"])
    parser.add_argument("--dataset", default="fashion_mnist", help="a registered data set (grader.kits.datasets)")
    parser.add_argument("--dataset-dir", default=None)
    parser.add_argument("--parent", type=int, default=None, help="the oracle's pid")
    parser.add_argument("--memory-mb", type=int, default=SETTINGS_DEFAULTS["memory_mb"],
                        help="the trainer's own memory limit (training.memory_mb)")
    args = parser.parse_args(argv)
    _die_with_parent(args.parent)
    _own_memory_limit()
    sys.stdout = sys.stderr  # library chatter must never reach the protocol stream
    _prepare_env(args.backend, args.device)
    from grader.kits import datasets
    from grader.store import JsonStore

    box: dict[str, Any] = {}

    def read_data() -> None:
        # Never a download here: getting the data is grade's and the test session's job, before any
        # oracle starts (and --offline means offline). A download would also import keras in this
        # thread while the main thread imports it, which Python's import lock can refuse as a
        # deadlock: the trainer then died at start-up with a traceback instead of saying "no data".
        try:
            box["data"] = datasets.get(args.dataset).training_data(args.dataset_dir)
        except Exception as exc:  # noqa: BLE001 - reported as a fatal line below
            box["error"] = exc

    reader = threading.Thread(target=read_data)
    reader.start()
    started = time.perf_counter()
    import warnings

    warnings.filterwarnings("ignore")  # Keras's notes on skipped optimizer variables etc. are not feedback
    import keras

    gpu = _gpu_name(args.backend) if args.device != "cpu" else None
    reader.join()
    if "error" in box:
        _emit("fatal", {"code": "no_data", "message": str(box["error"])})
        return 1
    if args.device == "gpu" and gpu is None:
        _emit("fatal", {"code": "no_gpu", "message": f"training.device is 'gpu' but the {args.backend} backend "
                                                      "sees no GPU"})
        return 1
    data = box["data"]
    device = f"gpu ({gpu})" if gpu else "cpu"
    ready = {"device": device, "backend": args.backend, "keras": keras.__version__, "dataset": data.source,
             "startup_seconds": round(time.perf_counter() - started, 3)}
    _emit("ready", ready)
    line = sys.stdin.readline()
    if not line:
        return 0
    req = json.loads(line)
    if gpu is None:
        _limit_data(args.memory_mb)
    try:
        loaded, info, config = _load(keras, Path(req["model"]))
    except Exception as exc:  # noqa: BLE001 - any refusal or Keras error is reported, never raised
        from grader.kits.keras.safety import UnsafeModel

        if _out_of_memory(exc):
            _emit("error", {"code": "memory", "message": over_memory(args.memory_mb, "loading the model")})
        elif isinstance(exc, UnsafeModel):
            _emit("error", {"code": "unsafe", "ko": exc.message.ko, "en": exc.message.en})
        elif isinstance(exc, TooBig):
            _emit("error", {"code": "too_big", "message": str(exc), **exc.details})
        else:
            _emit("error", {"code": "load", "message": f"{type(exc).__name__}: {str(exc)[:500]}"})
        return 0
    _emit("loaded", info)
    if info["params"] > MAX_PARAMS:
        _emit("error", {"code": "too_big", "message": str(TooBig(info["params"])), "params": info["params"],
                        "limit": MAX_PARAMS})
        return 0
    from grader.kits.keras.safety import UnsafeModel, check_learning_rate

    try:
        check_learning_rate(config)
    except UnsafeModel as exc:
        _emit("error", {"code": "unsafe", "ko": exc.message.ko, "en": exc.message.en})
        return 0
    versions = {"keras": keras.__version__, args.backend: _backend_version(args.backend)}
    key = cache_key(config, req, args.backend, device, versions, args.dataset, data.fingerprint)
    store = JsonStore(Path(req["cache_dir"])) if req.get("cache_dir") else None
    cached = store.read_json(key) if store else None

    def file_for_recall(result: dict) -> None:  # for a later oracle to answer without a trainer (recall.py)
        if store:
            from grader.kits.keras import recall

            recall.file(store, config, req, args.backend, versions, args.dataset, data.fingerprint,
                        {"ready": ready, "loaded": info, "result": result})

    if isinstance(cached, dict):
        file_for_recall(cached)  # before the answer: the oracle may end this process once it has it
        _emit("result", {**cached, "cached": True})
        return 0
    try:
        result = _train(keras, loaded, data, req, args.backend)
    except Exception as exc:  # noqa: BLE001 - e.g. a loss that does not fit integer labels
        if _out_of_memory(exc):
            _emit("error", {"code": "memory", "message": over_memory(args.memory_mb, "training")})
        else:
            _emit("error", {"code": "train", "message": f"{type(exc).__name__}: {str(exc)[:500]}"})
        return 0
    if store:
        store.write_json(key, result)
    file_for_recall(result)
    _emit("result", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())

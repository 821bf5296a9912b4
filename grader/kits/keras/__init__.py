"""The Keras kit: vetting saved models (``safety``), reading architectures (``arch``), the trusted
trainer process (``trainer``) and its client (``client``), data sets (``fashion_mnist``).

Import-light: nothing here imports Keras or TensorFlow until a function needs it.
"""
from __future__ import annotations

import re
from typing import Any

from grader.kits import Packaging
from grader.kits.datasets import DATASETS

# grading.yml's ``training`` section for an assignment with ``kit: keras``: the trusted trainer's settings.
SETTINGS_DEFAULTS: dict[str, Any] = {"device": "auto", "backend": "tensorflow", "dataset": "fashion_mnist",
                                     "dataset_dir": None, "seed": 0, "best_of": 1,
                                     "steps_per_execution": 300, "jit_compile": False, "cache": True,
                                     "timeout": 600.0, "memory_mb": 6144, "epochs": None,
                                     "train_examples": None}
SETTINGS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "device": {"enum": ["auto", "gpu", "cpu"]},
        "backend": {"enum": ["tensorflow", "torch"]},
        "dataset": {"enum": sorted(DATASETS)},
        "dataset_dir": {"type": ["string", "null"], "minLength": 1},
        "seed": {"type": "integer", "minimum": 0},
        "best_of": {"type": "integer", "minimum": 1, "maximum": 20},
        "steps_per_execution": {"type": "integer", "minimum": 1, "maximum": 100000},
        "jit_compile": {"type": "boolean"},
        "cache": {"type": "boolean"},
        "timeout": {"type": "number", "exclusiveMinimum": 0, "maximum": 3600},
        "memory_mb": {"type": "integer", "minimum": 512, "maximum": 262144},
        "epochs": {"type": ["integer", "null"], "minimum": 1, "maximum": 1000},
        "train_examples": {"type": ["integer", "null"], "minimum": 1},
    },
}
# Student code imports TensorFlow: its C++ notices are not the student's output.
WORKER_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "MPLBACKEND": "Agg"}
# The TA's settings the trusted trainer reads (never seen by student code).
ORACLE_ENV = ("FASHION_MNIST_DIR", "KERAS_HOME", "XDG_CACHE_HOME", "CUDA_VISIBLE_DEVICES", "LD_LIBRARY_PATH",
              "XLA_FLAGS")
# TensorFlow's C++ start-up notices (absl/glog format), printed whatever TF_CPP_MIN_LOG_LEVEL says:
# not the student's output, and identical for everyone.
OUTPUT_NOISE = re.compile(r"^(WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR"
                          r"|[IW]\d{4} \d\d:\d\d:\d+\.\d+ +\d+ [\w.]+:\d+\] .*"
                          r"|E\d{4} \d\d:\d\d:\d+\.\d+ +\d+ cuda_\w+\.cc:\d+\] .*)$")
COMMANDS = {"dataset": "grader.kits.datasets.commands:dataset_main"}
# Installing a grader for Keras labs: the extra, Fashion-MNIST from Debian where it can (else the grader
# downloads it once, seeding Keras's cache), its folder hidden by permissions where there are no namespaces.
PACKAGING = Packaging(
    extra="keras", datasets=("fashion_mnist", "xor"),
    system=("# Fashion-MNIST for the Keras lab (a06); without the package the grader downloads it once here.",
            "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist || true"),
    grade=(("dataset", "--seed-keras-cache"),),
    protect=("chmod o-rwx /usr/share/datasets/fashion-mnist 2>/dev/null || true",))


def _settings(a: Any) -> dict[str, Any]:
    return dict(a.training or SETTINGS_DEFAULTS)


def unavailable(a: Any) -> str | None:
    """Keras and the trainer's backend installed (student code imports them too, so without them a
    student's import error would look like the student's mistake). A missing data set is found by the
    trainer instead: the tests that read only the saved model still run and show their results."""
    import importlib.util

    backend = _settings(a).get("backend", "tensorflow")
    missing = [m for m in dict.fromkeys(("keras", "tensorflow", backend)) if importlib.util.find_spec(m) is None]
    if missing:
        return (f"the Keras kit needs {' and '.join(missing)}, not installed with this grader: "
                "pip install 'dlgrader[keras]'")
    return None


def prepare(a: Any, offline: bool) -> str:
    """Fashion-MNIST before any oracle starts: Debian's package where apt is usable, else Keras's
    download (neither when ``offline``). Returns what was done, "" when it was there."""
    from grader.kits import Unavailable
    from grader.kits.datasets import fashion_mnist

    try:
        folder, done = fashion_mnist.ensure(_settings(a).get("dataset_dir"), install=not offline,
                                            download=not offline)
    except fashion_mnist.DatasetError as exc:
        raise Unavailable(str(exc)) from None
    return f"Fashion-MNIST: {done} ({folder})" if done else ""


def extra_seconds(a: Any) -> float:
    """Training runs in the trusted trainer, outside the worker's time limit: its own budget."""
    return float(_settings(a).get("timeout") or 0)


def build_start(submission: Any, module: str, function: str, input_shape: tuple[int, ...] | None = None,
                timeout: float | None = None) -> Any:
    """Import ``module`` in the worker, call its ``function()`` (the lab's ``build_model``) and save
    the returned model there (``worker_ops.build``), built for ``input_shape`` (the lab's input, one
    example's shape) when it declares none; ``.result()`` is the worker's dict (the ``.keras`` file
    as a uint8 array under ``"model"``), for the trainer to vet and load."""
    return submission.kit_start("keras.build", label=f"{module}.{function}()", timeout=timeout,
                                 module=module, function=function,
                                 input_shape=list(input_shape) if input_shape is not None else None)

"""The Keras kit's :class:`Lab`: one submission's Keras lab, as hidden tests use it.

How a lab is checked, without trusting student code: the student's ``build_model()`` runs in the
sandboxed worker, which saves the returned model as a ``.keras`` file (``worker_ops.build``); only
the file's bytes cross. The oracle vets the file (:mod:`grader.kits.keras.safety`) and reads the
network's layers from its config (:mod:`grader.kits.keras.arch`), whatever API built it. The
trusted trainer (:mod:`grader.kits.keras.trainer`) loads it with ``safe_mode=True``, re-initialises
its weights under the grader's seed, trains it with the student's optimizer and loss for the lab's
epochs and batch size, and measures accuracy on test data student code never sees.

Each step runs once per submission and its outcome (or its failure) is kept, so every test that
needs it reads the same result and one problem costs only the tests that depend on it.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from typing import Any

import numpy as np

from grader.checks import Fail, fail
from grader.kits.keras import build_start, keras2, recall, remote
from grader.kits.keras.arch import Layer, NotAChain, chain, effective
from grader.kits.keras.client import Trainer, TrainerFailed
from grader.kits.keras.remote import RemoteTrainer
from grader.kits.keras.safety import UnsafeModel, check_config, normalise, read_config
from grader.messages import Message, msg
from grader.sandbox.proxy import ImportFailed, StudentError
from grader.store import default_dir


class Lab:
    """One submission's lab: the model file, the loaded summary and the training result, each once.

    A hidden suite's ``grader_warm_up`` makes one (the plugin shares it between the module's tests
    and closes it at the end): the student's ``module.function()`` starts in the worker
    (:func:`build_start`), and the trainer starts at once (its TensorFlow import overlaps the
    worker's), except where a training may be recalled from the cache (:mod:`.recall`): there it
    starts only if the saved model's training is not filed, and a recalled one needs none.
    ``settings`` is the assignment's (``params`` with ``epochs`` and ``batch_size``, and the kit's
    ``training``); ``input_shape`` is one example's shape in the lab's data, with which a model
    that declares no input (no ``keras.Input``, no ``input_shape=``) is built before it is saved;
    ``inputs`` (what the model takes, e.g. "(28, 28) images"), ``params`` (about how many parameters
    the lab's model has), ``outputs`` (the width of its output) and ``loss_advice`` (the loss that
    fits the lab's labels, said when training fails on a categorical loss: Fashion-MNIST's integer
    labels and XOR's one 0/1 value need different advice) only word the messages.
    """

    def __init__(self, submission: Any, settings: dict, module: str, function: str, input_shape: tuple[int, ...],
                 inputs: Message, params: int, outputs: int, loss_advice: Message) -> None:
        self.submission = submission
        self.settings = settings
        self.training = settings["training"]
        self.module, self.function = module, function
        self.label = f"{module}.{function}()"
        self.inputs, self.params, self.outputs, self.loss_advice = inputs, params, outputs, loss_advice
        # TensorFlow's import overlaps the worker's, unless the training may be recalled without it or
        # is sent to a cluster's GPU worker (remote.where())
        self.cluster = remote.where()
        self.trainer: Trainer | RemoteTrainer | None = (
            None if self.cluster is not None or recall.possible(self.training) else Trainer.start(self.training))
        self._recalled: dict | None = None  # the trainer's filed answers, when recalled
        self.folder = tempfile.mkdtemp(prefix="lab-model-")  # removed by close()
        self.pending = build_start(submission, module, function, input_shape)
        self.warnings: list[str] = []  # what the student's build_model() warned, for keras2_notes()
        self._model: tuple[str, dict] | Exception | None = None
        self._refusal: Exception | None = None  # why the trainer may not load it (vetting), if it may not
        self._loaded: dict | Exception | None = None
        self._result: dict | Exception | None = None

    @property
    def epochs(self) -> int:
        """The lab's epochs, unless grading.yml's ``training.epochs`` shortens the grader's training (a
        quick feedback run, or the toolkit's checks of how a model is written)."""
        return int(self.training.get("epochs") or self.settings["epochs"])

    @property
    def trainer_info(self) -> dict:
        """The trainer's ``ready`` line (device, backend, versions, data), also for a recalled training."""
        if self._recalled is not None:
            return dict(self._recalled["ready"])
        return self.trainer.info if self.trainer is not None else {}

    def close(self) -> None:
        if self.trainer is not None:
            self.trainer.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- the model file -------------------------------------------------
    def model(self) -> tuple[str, dict]:
        """(path of the saved .keras file, its config as the grader reads it); a Fail explains a file
        that cannot be read at all. Vetting is separate (:meth:`vetted`): the architecture tests read
        the config of a model the trainer refuses, so one problem costs its own test only."""
        if self._model is None:
            try:
                self._model = self._build()
            except Exception as exc:  # noqa: BLE001 - kept, re-raised by every test that needs it
                self._model = exc
        if isinstance(self._model, Exception):
            raise _again(self._model)
        return self._model

    def _build(self) -> tuple[str, dict]:
        try:
            reply = self.pending.result()
        except StudentError as exc:
            try:
                getattr(self.submission, self.module)  # an import failure gets the grader's import message
            except (StudentError, ImportFailed) as failure:
                raise keras2.explained(failure.fresh()) from None
            raise keras2.explained(exc.fresh()) from None
        if not isinstance(reply, dict):
            fail(f"{self.label}: 저장된 모델을 받지 못했습니다.", f"{self.label}: no saved model came back.")
        self.warnings = [str(w) for w in reply.get("warnings") or []]
        if "returned" in reply:
            returned = str(reply["returned"])
            raise _fail(msg(f"{self.label}이(가) Keras 모델(keras.Model)이 아닌 {returned}을(를) 반환했습니다.",
                            f"{self.label} must return a Keras model (keras.Model); it returned {returned}.")
                        + (keras2.fix_for(returned) or msg("", "")))
        # a model that cannot take the lab's input: its layers are still checked from the config
        unbuildable = self._unbuildable(str(reply["unbuildable"])) if "unbuildable" in reply else None
        data = reply.get("model")
        if not isinstance(data, np.ndarray) or data.dtype != np.uint8:
            fail(f"{self.label}: 저장된 모델을 받지 못했습니다.", f"{self.label}: no saved model came back.")
        path = os.path.join(self.folder, "model.keras")
        with open(path, "wb") as f:
            f.write(data.tobytes())
        try:
            config = read_config(path)
        except UnsafeModel as exc:
            raise _fail(exc.message) from None
        try:
            check_config(config)
        except UnsafeModel as exc:
            self._refusal = _fail(exc.message)
        self._refusal = unbuildable or self._refusal
        return path, normalise(config)

    def _unbuildable(self, error: str) -> Exception:
        """Why the trainer cannot load a model that declares no input and cannot take the lab's."""
        return _fail(msg(f"{self.label}: 모델에 입력 모양이 없어 채점기가 실습의 입력({self.inputs.ko})으로 "
                         "만들었는데, "
                         f"모델이 그 입력을 받지 못합니다: {error}. 첫 층이 {self.inputs.ko}를 받도록 고치세요.",
                         f"{self.label}: the model declares no input shape, so the grader built it for the lab's "
                         f"input, {self.inputs.en}, and it cannot take them: {error}. Make its first layers take "
                         f"{self.inputs.en}."))

    def keras2_notes(self) -> list[Message]:
        """The Keras 3 way for each Keras 2 idiom the student's ``build_model()`` was warned about
        (``decay=``, which Keras 3 ignores with a warning): notes, since the model still trains."""
        if self._model is None:
            try:
                self.model()
            except Exception:  # noqa: BLE001 - the tests that need the model say why
                pass
        return list(dict.fromkeys(fix for fix in map(keras2.fix_for, self.warnings) if fix is not None))

    def vetted(self) -> tuple[str, dict]:
        """:meth:`model`, if the trainer may load it; else the Fail that says why not."""
        found = self.model()
        if self._refusal is not None:
            raise _again(self._refusal)
        return found

    def layers(self) -> list[Layer]:
        _, config = self.model()
        try:
            return effective(chain(config))
        except NotAChain as exc:
            fail(f"{self.label}: 모델이 하나의 입력에서 하나의 출력으로 이어지는 일렬 구조가 아닙니다 ({exc}).",
                 f"{self.label}: the model is not a single chain from one input to one output ({exc}).")

    # -- the trainer ------------------------------------------------------
    def loaded(self) -> dict:
        if self._loaded is None:
            try:
                path, config = self.vetted()
                seed, cache = int(self.training["seed"]), self.training.get("cache", True)
                request = {"epochs": self.epochs, "batch_size": int(self.settings["batch_size"]), "seed": seed,
                           "seeds": [seed + i for i in range(int(self.training.get("best_of", 1)))],
                           "steps_per_execution": int(self.training["steps_per_execution"]),
                           "train_examples": self.training.get("train_examples"),
                           "jit_compile": bool(self.training["jit_compile"]),
                           "cache_dir": str(default_dir() / "training") if cache else None}
                self._recalled = recall.lookup(config, request, self.training)
                if self._recalled is not None:
                    self._loaded = dict(self._recalled["loaded"])
                    return self._loaded
                if self.trainer is None:
                    self.trainer = (RemoteTrainer(self.training, self.cluster) if self.cluster is not None
                                    else Trainer.start(self.training))
                self.trainer.ready(timeout=300)
                self.trainer.submit(path, request)
                self._loaded = self.trainer.loaded(timeout=120)
            except Exception as exc:  # noqa: BLE001 - kept, re-raised by every test that needs it
                self._loaded = self._trainer_fail(exc) if isinstance(exc, TrainerFailed) else exc
        if isinstance(self._loaded, Exception):
            raise _again(self._loaded)
        return self._loaded

    def result(self) -> dict:
        if self._result is None:
            try:
                self.loaded()
                if self._recalled is not None:
                    self._result = {**self._recalled["result"], "cached": True}
                else:
                    assert self.trainer is not None  # loaded() started it
                    self._result = self.trainer.result(timeout=float(self.training["timeout"]))
            except Exception as exc:  # noqa: BLE001
                loss = self._loaded.get("compile", {}).get("loss") if isinstance(self._loaded, dict) else None
                self._result = self._trainer_fail(exc, loss) if isinstance(exc, TrainerFailed) else exc
        if isinstance(self._result, Exception):
            raise _again(self._result)
        return self._result

    def _trainer_fail(self, exc: TrainerFailed, loss: object = None) -> Exception:
        """A trainer refusal as a student-facing failure, or a grader problem as an error."""
        if exc.code == "unsafe":
            return _fail(msg(exc.payload.get("ko", exc.message), exc.payload.get("en", exc.message)))
        if exc.code == "load":
            return _fail(msg(f"{self.label}: 채점기가 저장된 모델을 불러오지 못했습니다: {exc.message}",
                             f"{self.label}: the grader could not load the saved model: {exc.message}"))
        if exc.code == "too_big":
            largest = msg("", "")
            if exc.payload.get("layer"):
                layer, n = exc.payload["layer"], exc.payload.get("layer_params") or 0
                largest = msg(f" 가장 큰 층은 {layer}이며 가중치가 {n:,}개입니다.",
                              f" Its largest layer, {layer}, has {n:,}.")
            return _fail(msg(f"{self.label}: 모델이 너무 큽니다 ({exc.message}). 실습의 모델은 약 {self.params:,}개의 "
                             "파라미터를 가집니다.",
                             f"{self.label}: the model is too large ({exc.message}); the lab's model has about "
                             f"{self.params:,} parameters.") + largest)
        if exc.code == "train":
            hint_ko = hint_en = ""
            if "categorical" in str(loss).lower() and "sparse" not in str(loss).lower():
                hint_ko, hint_en = " " + self.loss_advice.ko, " " + self.loss_advice.en
            elif "output" in exc.message.lower() and ("rank" in exc.message.lower() or "ndim" in exc.message.lower()):
                hint_ko = f" 출력은 (None, {self.outputs})이어야 합니다: Dense 층 앞에 Flatten()을 넣으세요."
                hint_en = f" The output must be (None, {self.outputs}): put Flatten() before the Dense layers."
            elif "shape" in exc.message.lower():
                hint_ko = f" 모델은 {self.inputs.ko}를 입력으로 받아야 합니다."
                hint_en = f" The model must take {self.inputs.en} as input."
            return _fail(msg(f"{self.label}: 채점기의 학습이 실패했습니다: {exc.message}.{hint_ko}",
                             f"{self.label}: training failed in the grader: {exc.message}.{hint_en}"))
        if exc.code == "memory":
            return _fail(msg(f"{self.label}: 학습에 채점기의 메모리 한도보다 많은 메모리가 필요합니다 ({exc.message}). "
                             "실습의 모델은 1 GiB 안쪽으로 학습됩니다.",
                             f"{self.label}: training needs more memory than the grader allows ({exc.message}); the "
                             "lab's model trains well within 1 GiB."))
        if exc.code == "timeout":
            return _fail(msg(f"{self.label}: 학습이 제한 시간 안에 끝나지 않았습니다 ({exc.message}).",
                             f"{self.label}: training did not finish within the time limit ({exc.message})."))
        # no_gpu, no_data, crashed: the grader's machine, not the student's work
        return RuntimeError(f"trainer: {exc.code}: {exc.message}")


def _again(exc: Exception) -> Exception:
    fresh = getattr(exc, "fresh", None)
    return fresh() if callable(fresh) else exc


def _fail(message: Message) -> Exception:
    return Fail(message)

"""Checks every Keras lab's hidden suite makes the same way, worded once.

The labs differ in their networks; they agree on the rest: the module's settings constants
(``EPOCHS``, ``BATCH_SIZE``) must be the lab's plain ints, a classifier of integer labels must be
compiled with sparse categorical cross-entropy (and not apply softmax twice), and the accuracy
after the grader's training earns full credit at ``min_test_accuracy`` with a linear ramp down to
``zero_credit_accuracy``. A suite calls these from its own test functions, so its points per test
stay in ``grading.yml`` and its messages name its own module.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from grader.checks import Fail, Partial, fail
from grader.kits.keras import keras2
from grader.kits.keras.arch import NotAChain, chain, compile_summary, effective
from grader.messages import Message, msg
from grader.sandbox.proxy import SandboxError, StudentError

# What a classifier of Fashion-MNIST's integer labels must be compiled with (a06, a08): the Lab says it
# when training fails on a categorical loss.
INTEGER_LABELS_LOSS = msg("레이블은 0~9 정수이므로 loss='sparse_categorical_crossentropy'를 쓰세요.",
                          "The labels are integers 0-9: use loss='sparse_categorical_crossentropy'.")


def loads(lab: Any, feedback: Any) -> None:
    """The model the student's ``build_model()`` returned is one the grader's trainer loads; a Keras 2
    idiom Keras 3 only warns about (``decay=``, then ignored) gets a note naming the Keras 3 way."""
    for note in lab.keras2_notes():
        feedback.note(note)
    lab.vetted()
    lab.loaded()


def settings_constants(submission: Any, module: str, wants: Mapping[str, int]) -> None:
    """Each module constant (``EPOCHS = 10``) is defined, implemented and the lab's int (an int
    subclass equal to everything is not an int). Every wrong constant is named at once: naming only
    the first (EPOCHS) made a student fix it and lose the point again for BATCH_SIZE."""
    try:
        mod = getattr(submission, module)
    except SandboxError as exc:  # the module does not import: a Keras 2 import gets the Keras 3 way
        raise keras2.explained(exc.fresh()) from None
    problems: list[Message] = []
    for name, want in wants.items():
        try:
            got = getattr(mod, name)
        except StudentError:
            problems.append(msg(f"{module}.{name}이(가) 없습니다. {name} = {want}로 정의하세요.",
                                f"{module}.{name} is not defined; define {name} = {want}."))
            continue
        if got is None:
            problems.append(msg(f"{module}.{name}: 아직 구현되지 않았습니다 ({name} = None). {name} = {want}로 "
                                "정하세요.",
                                f"{module}.{name}: not implemented yet ({name} = None). Set {name} = {want}."))
        elif type(got) is not int or got != want:
            problems.append(msg(f"{module}.{name}이(가) {got!r}입니다. 실습은 {want}을(를) 요구합니다.",
                                f"{module}.{name} is {got!r}; the lab asks for {want}."))
    if problems:
        raise Fail(functools.reduce(lambda a, b: a + msg(" ", " ") + b, problems))


def compiled_loss(label: str, config: dict, call: str) -> tuple[dict, str]:
    """The saved model's compile settings and its loss's name normalised (lower case, no
    underscores), for a lab's loss check; a Fail naming ``call`` (the lab's own
    ``model.compile(...)``) when the model was returned without being compiled."""
    compiled = compile_summary(config)
    if not compiled.get("optimizer") or not compiled.get("loss"):
        fail(f"{label}: 모델을 compile하지 않았습니다. {call}를 호출한 뒤 반환하세요.",
             f"{label}: the model is not compiled. Call {call} before returning it.")
    return compiled, str(compiled["loss"]).lower().replace("_", "")


def compiled_for_integer_labels(label: str, config: dict) -> None:
    """Compiled, with sparse categorical cross-entropy (Fashion-MNIST's labels are 0-9), and not
    ``from_logits=True`` on a softmax output (the TensorFlow quickstart's double softmax)."""
    compiled, loss = compiled_loss(label, config, "model.compile(optimizer='adam', "
                                   "loss='sparse_categorical_crossentropy', metrics=['accuracy'])")
    if loss != "sparsecategoricalcrossentropy":
        fail(f"{label}: 손실 함수가 {compiled['loss']!r}입니다. Fashion-MNIST의 레이블은 0~9 정수이므로 "
             "'sparse_categorical_crossentropy'를 써야 합니다.",
             f"{label}: the loss is {compiled['loss']!r}. Fashion-MNIST's labels are integers 0-9, so the "
             "loss must be 'sparse_categorical_crossentropy'.")
    if compiled.get("from_logits"):
        try:
            last = effective(chain(config))[-1:]
        except NotAChain:
            last = []
        if last and last[0].activation == "softmax":
            fail(f"{label}: 출력층이 이미 softmax인데 손실에 from_logits=True를 주었습니다 (softmax를 두 번 적용). "
                 "softmax 출력에는 from_logits=False(기본값)를 쓰세요.",
                 f"{label}: the output layer already applies softmax, yet the loss is given from_logits=True "
                 "(softmax twice). With softmax outputs, leave from_logits=False (the default).")


def softmax_output(label: str, lab: Any) -> None:
    """The last layer is a Dense of 10 units with softmax: one probability per Fashion-MNIST class
    (a06, a08); ``label`` is the lab's ``module.function()``."""
    layers = lab.layers()
    last = layers[-1] if layers else None
    if last is None or last.kind != "Dense":
        fail(f"{label}: 마지막 층이 Dense가 아닙니다 ({last.describe() if last else '층 없음'}).",
             f"{label}: the last layer is not Dense ({last.describe() if last else 'no layers'}).")
    if last.units != 10:
        fail(f"{label}: 출력층의 노드 수가 {last.units}입니다. 10개 클래스에 맞게 10이어야 합니다.",
             f"{label}: the output layer has {last.units} units; it needs 10, one per class.")
    if last.activation != "softmax":
        fail(f"{label}: 출력층의 활성화 함수가 '{last.activation}'입니다. 10개 클래스의 확률을 내도록 "
             "activation='softmax'를 쓰세요.",
             f"{label}: the output layer's activation is '{last.activation}'; use activation='softmax' so the "
             "10 outputs are class probabilities.")


def accuracy_bar(lab: Any, grading_params: Mapping[str, Any], feedback: Any,
                 class_names: tuple[Sequence[str], Sequence[str]]) -> None:
    """The test accuracy after the grader's training, recorded for the reports with the per-class
    accuracy; full credit at ``min_test_accuracy``, linear down to 0 at ``zero_credit_accuracy``.
    ``class_names`` is (Korean, English)."""
    result = lab.result()
    info = lab.trainer_info
    acc = float(result["test_accuracy"])
    full, zero = float(grading_params["min_test_accuracy"]), float(grading_params["zero_credit_accuracy"])
    per_class = result["per_class_accuracy"]
    worst = int(np.argmin(per_class))
    names_ko, names_en = class_names
    feedback.record(test_accuracy=acc, per_class_accuracy=per_class, history=result["history"],
                    device=info.get("device"), backend=info.get("backend"),
                    train_seconds=result["train_seconds"], epochs=lab.epochs,
                    batch_size=int(grading_params["batch_size"]), seed=int(lab.training["seed"]))
    # The names come from the suite, the accuracies from the trainer: shown pairwise, as far as both go.
    classes_en = ", ".join(f"{n} {a:.3f}" for n, a in zip(names_en, per_class, strict=False))
    classes_ko = ", ".join(f"{n} {a:.3f}" for n, a in zip(names_ko, per_class, strict=False))
    cached_ko = " (같은 모델 구성의 이전 학습 결과를 재사용)" if result.get("cached") else ""
    cached_en = " (reused: an earlier run trained an identical model config)" if result.get("cached") else ""
    feedback.note(msg(
        f"테스트 정확도 {acc:.4f} (만점 기준 {full:.2f}); 장치 {info.get('device')}, {lab.epochs} 에폭 학습 "
        f"{result['train_seconds']:.1f}초{cached_ko}.\n클래스별 정확도: {classes_ko} (가장 낮은 클래스: "
        f"{names_ko[worst]})",
        f"test accuracy {acc:.4f} (full credit at {full:.2f}); device {info.get('device')}, {lab.epochs} epochs of "
        f"training in {result['train_seconds']:.1f} s{cached_en}.\nper-class accuracy: {classes_en} "
        f"(weakest: {names_en[worst]})"))
    if acc >= full:
        return
    fraction = 0.0 if acc <= zero else (acc - zero) / (full - zero)
    hint_ko = hint_en = ""
    if result.get("nan_loss"):
        hint_ko = " 학습 중 손실이 NaN이 되었습니다: 출력층의 softmax와 학습률을 확인하세요."
        hint_en = " The loss became NaN during training: check the output softmax and the learning rate."
    raise Partial(msg(
        f"테스트 정확도 {acc:.4f}가 만점 기준 {full:.2f}보다 낮습니다 ({zero:.2f} 이하는 0점, 그 사이는 비례 "
        f"점수).{hint_ko} "
        "층과 옵티마이저, 학습률을 확인하세요 (예: optimizer='adam').",
        f"test accuracy {acc:.4f} is below the full-credit bar {full:.2f} (0 points at {zero:.2f} or below, "
        f"linear in between).{hint_en} Check the layers, the optimizer and the learning rate (e.g. optimizer='adam')."),
        fraction)

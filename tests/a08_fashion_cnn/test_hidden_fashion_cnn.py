"""Hidden suite for a08_fashion_cnn: the slides' CNN on Fashion-MNIST (Keras).

The spec (slides 000, "Fashion-MNIST data: CNN?", the TensorFlow CNN tutorial's model): 3x3 ReLU
convolutions of 32, 64 and 64 filters with 2x2 max pooling after the first two, Flatten, a
64-unit ReLU layer and 10 softmax outputs; Adam, sparse categorical cross-entropy; the lab's
2 epochs of batch 64 (sized so that one training stays under two minutes on a 2-core CPU).

Checked as a06 is (the Keras kit's :class:`grader.kits.keras.lab.Lab`): ``build_model()`` runs in
the sandboxed worker, the saved model is vetted and its layers are read from its config (any API),
and the grader's trainer trains a fresh copy on the 60,000 training images, adding the channel
axis the model declares ((28, 28) -> (28, 28, 1)), and measures accuracy on the 10,000 test
images. The accuracy bar comes from ``tools/measure_a08_cnn.py`` over 10 grader seeds (README, a08).
"""
from __future__ import annotations

import numpy as np
import pytest

from grader.kits.datasets.fashion_mnist import CLASS_NAMES, CLASS_NAMES_KO
from grader.kits.keras.arch import CONV, POOLING, Layer, NotAChain, chain, compile_summary, effective, io_shapes
from grader.kits.keras.lab import Lab
from grader.messages import msg
from grader.oracle.checks import Partial, fail
from grader.sandbox.proxy import StudentError

MODULE, FUNCTION = "fashion_cnn", "build_model"
LABEL = f"{MODULE}.{FUNCTION}()"
FILTERS = [32, 64, 64]
NONLINEAR = {"relu", "sigmoid", "tanh", "elu", "selu", "gelu", "leaky_relu", "relu6", "silu", "swish",
             "softplus", "mish", "hard_sigmoid", "hard_silu", "hard_swish", "celu", "glu", "log_sigmoid",
             "softsign", "sparse_plus", "squareplus", "tanh_shrink", "hard_tanh", "threshold"}
LAB_LAYERS = {"Conv2D", "MaxPooling2D", "Dense"}  # after structural layers (Input, Flatten, Reshape) are dropped


def grader_warm_up(submission, params):
    """Start the trainer and the student's build_model() at once (the plugin shares the Lab)."""
    return Lab(submission, params, MODULE, FUNCTION, inputs=msg("(28, 28, 1) 모양의 이미지", "(28, 28, 1) images"),
               params=93_322, classes=10)


@pytest.fixture
def lab(warm_up):
    return warm_up


def _convs(layers: list[Layer]) -> list[Layer]:
    return [layer for layer in layers if layer.kind in CONV]


def _head(layers: list[Layer]) -> list[Layer]:
    """The Dense layers after the last convolution."""
    last_conv = max((i for i, layer in enumerate(layers) if layer.kind in CONV), default=-1)
    return [layer for layer in layers[last_conv + 1:] if layer.kind == "Dense"]


# ---------------------------------------------------------------- structure
def test_build_model_returns_keras_model(lab):
    """build_model()이 채점기가 불러올 수 있는 Keras 모델을 반환
    build_model() returns a Keras model the grader can load"""
    lab.vetted()
    lab.loaded()


def test_model_compiled_for_integer_labels(lab):
    """모델이 정수 레이블에 맞는 손실 함수로 compile됨
    the model is compiled with a loss for integer labels"""
    _, config = lab.model()
    compiled = compile_summary(config)
    if not compiled.get("optimizer") or not compiled.get("loss"):
        fail(f"{LABEL}: 모델을 compile하지 않았습니다. model.compile(optimizer='adam', "
             "loss='sparse_categorical_crossentropy', metrics=['accuracy'])를 호출한 뒤 반환하세요.",
             f"{LABEL}: the model is not compiled. Call model.compile(optimizer='adam', "
             "loss='sparse_categorical_crossentropy', metrics=['accuracy']) before returning it.")
    loss = str(compiled["loss"]).lower().replace("_", "")
    if loss != "sparsecategoricalcrossentropy":
        fail(f"{LABEL}: 손실 함수가 {compiled['loss']!r}입니다. Fashion-MNIST의 레이블은 0~9 정수이므로 "
             "'sparse_categorical_crossentropy'를 써야 합니다.",
             f"{LABEL}: the loss is {compiled['loss']!r}. Fashion-MNIST's labels are integers 0-9, so the "
             "loss must be 'sparse_categorical_crossentropy'.")
    if compiled.get("from_logits"):
        try:
            last = effective(chain(config))[-1:]
        except NotAChain:
            last = []
        if last and last[0].activation == "softmax":
            fail(f"{LABEL}: 출력층이 이미 softmax인데 손실에 from_logits=True를 주었습니다 (softmax를 두 번 적용). "
                 "softmax 출력에는 from_logits=False(기본값)를 쓰세요.",
                 f"{LABEL}: the output layer already applies softmax, yet the loss is given from_logits=True "
                 "(softmax twice). With softmax outputs, leave from_logits=False (the default).")


def test_input_and_output_shapes(lab):
    """입력 (28, 28, 1) 이미지 (또는 모델이 직접 채널 축을 붙이는 (28, 28)), 출력 10개
    input (28, 28, 1) images (or (28, 28) that the model reshapes itself), 10 outputs"""
    _, config = lab.model()
    input_shape, output_shape = io_shapes(config)
    if input_shape is None or output_shape is None:  # a graph the config alone does not tell: ask Keras
        loaded = lab.loaded()
        input_shape, output_shape = loaded["input_shape"], loaded["output_shape"]
    if input_shape is None or list(input_shape)[1:] not in ([28, 28, 1], [28, 28]):
        fail(f"{LABEL}: 입력 모양이 {input_shape}입니다. (None, 28, 28, 1)이어야 합니다 "
             "(keras.Input(shape=(28, 28, 1)) 또는 Conv2D(..., input_shape=(28, 28, 1))).",
             f"{LABEL}: the input shape is {input_shape}; expected (None, 28, 28, 1) "
             "(keras.Input(shape=(28, 28, 1)) or Conv2D(..., input_shape=(28, 28, 1))).")
    if output_shape is None or list(output_shape)[1:] != [10]:
        fail(f"{LABEL}: 출력 모양이 {output_shape}입니다. (None, 10)이어야 합니다.",
             f"{LABEL}: the output shape is {output_shape}; expected (None, 10).")


def test_three_convolutions_32_64_64(lab):
    """3x3 합성곱 층 세 개: 32, 64, 64개 필터 (비선형 활성화)
    three 3x3 convolution layers of 32, 64 and 64 filters (non-linear activation)"""
    convs = _convs(lab.layers())
    if not convs:
        fail(f"{LABEL}: 합성곱 층(Conv2D)이 없습니다. 실습은 Conv2D(32, (3, 3)), Conv2D(64, (3, 3)), "
             "Conv2D(64, (3, 3))의 세 층을 요구합니다.",
             f"{LABEL}: there is no convolution layer (Conv2D). The lab asks for three: Conv2D(32, (3, 3)), "
             "Conv2D(64, (3, 3)), Conv2D(64, (3, 3)).")
    other = [c for c in convs if c.kind != "Conv2D"]
    if other:
        fail(f"{LABEL}: 이미지에는 Conv2D를 씁니다 ({', '.join(c.describe() for c in other)}).",
             f"{LABEL}: images take Conv2D ({', '.join(c.describe() for c in other)}).")
    filters = [c.filters for c in convs]
    if filters != FILTERS:
        fail(f"{LABEL}: 합성곱 층의 필터 수가 {filters}입니다. 실습은 {FILTERS} 순서의 세 층입니다.",
             f"{LABEL}: the convolution layers have {filters} filters; the lab asks for three layers of {FILTERS}.")
    for c in convs:
        if c.kernel != (3, 3):
            fail(f"{LABEL}: {c.filters}개 필터 합성곱의 커널 크기가 {c.kernel}입니다. 실습은 (3, 3)입니다.",
                 f"{LABEL}: the {c.filters}-filter convolution's kernel size is {c.kernel}; the lab uses (3, 3).")
        if c.strides not in ((1, 1), (1,)):
            fail(f"{LABEL}: {c.filters}개 필터 합성곱의 strides가 {c.strides}입니다. 실습은 기본값 (1, 1)입니다 "
                 "(크기는 풀링으로 줄입니다).",
                 f"{LABEL}: the {c.filters}-filter convolution's strides are {c.strides}; the lab uses the default "
                 "(1, 1) (pooling shrinks the maps).")
        if c.activation not in NONLINEAR:
            fail(f"{LABEL}: {c.filters}개 필터 합성곱의 활성화 함수가 '{c.activation}'입니다. "
                 "비선형 활성화(activation='relu')가 필요합니다.",
                 f"{LABEL}: the {c.filters}-filter convolution's activation is '{c.activation}'; it needs a "
                 "non-linear one (activation='relu').")


def test_max_pooling_after_first_two_convolutions(lab):
    """첫째와 둘째 합성곱 뒤에 MaxPooling2D((2, 2)), 셋째 뒤에는 없음
    MaxPooling2D((2, 2)) after the first and second convolutions, none after the third"""
    layers = lab.layers()
    after: list[list[Layer]] = []  # the pooling layers that follow each convolution
    for layer in layers:
        if layer.kind in CONV:
            after.append([])
        elif layer.kind in POOLING and after:
            after[-1].append(layer)
    before_first = [layer for layer in layers[:next((i for i, x in enumerate(layers) if x.kind in CONV), 0)]
                    if layer.kind in POOLING]
    if before_first:
        fail(f"{LABEL}: 첫 합성곱 앞에 풀링 층이 있습니다. 실습은 합성곱 뒤에 풀링합니다.",
             f"{LABEL}: a pooling layer comes before the first convolution; the lab pools after convolutions.")
    want = [1, 1, 0]
    got = [len(p) for p in after]
    if len(got) < 2 or got[:3] != want[:len(got)] or any(got[3:]):
        fail(f"{LABEL}: 합성곱 층마다 뒤에 오는 풀링 층의 수가 {got}입니다. 실습은 {want}입니다 "
             "(첫째와 둘째 합성곱 뒤에만 MaxPooling2D((2, 2))).",
             f"{LABEL}: the pooling layers after each convolution number {got}; the lab has {want} "
             "(MaxPooling2D((2, 2)) after the first and second convolutions only).")
    for pool in (p for group in after for p in group):
        if pool.kind != "MaxPooling2D" or pool.kernel != (2, 2) or pool.strides != (2, 2):
            fail(f"{LABEL}: 풀링 층이 {pool.describe()} (strides {pool.strides})입니다. 실습은 MaxPooling2D((2, 2))입니다.",
                 f"{LABEL}: a pooling layer is {pool.describe()} (strides {pool.strides}); the lab uses "
                 "MaxPooling2D((2, 2)).")


def test_dense_64_after_the_convolutions(lab):
    """합성곱 뒤: Flatten, Dense 64개 노드 (비선형 활성화)
    after the convolutions: Flatten, a Dense layer of 64 units (non-linear activation)"""
    head = _head(lab.layers())
    hidden = head[:-1]
    if [h.units for h in hidden] != [64]:
        fail(f"{LABEL}: 합성곱 뒤 은닉 Dense 층의 노드 수가 {[h.units for h in hidden]}입니다. 실습은 64개 노드의 "
             "Dense 층 하나입니다.",
             f"{LABEL}: the hidden Dense layers after the convolutions have {[h.units for h in hidden]} units; the lab "
             "has one Dense layer of 64 units.")
    if hidden[0].activation not in NONLINEAR:
        fail(f"{LABEL}: 64개 노드 층의 활성화 함수가 '{hidden[0].activation}'입니다. 비선형 활성화"
             "(activation='relu')가 필요합니다.",
             f"{LABEL}: the 64-unit layer's activation is '{hidden[0].activation}'; it needs a non-linear one "
             "(activation='relu').")


def test_softmax_output_layer(lab):
    """출력층: 10개 노드, softmax 활성화
    output layer: 10 units with softmax"""
    layers = lab.layers()
    last = layers[-1] if layers else None
    if last is None or last.kind != "Dense":
        fail(f"{LABEL}: 마지막 층이 Dense가 아닙니다 ({last.describe() if last else '층 없음'}).",
             f"{LABEL}: the last layer is not Dense ({last.describe() if last else 'no layers'}).")
    if last.units != 10:
        fail(f"{LABEL}: 출력층의 노드 수가 {last.units}입니다. 10개 클래스에 맞게 10이어야 합니다.",
             f"{LABEL}: the output layer has {last.units} units; it needs 10, one per class.")
    if last.activation != "softmax":
        fail(f"{LABEL}: 출력층의 활성화 함수가 '{last.activation}'입니다. 10개 클래스의 확률을 내도록 "
             "activation='softmax'를 쓰세요.",
             f"{LABEL}: the output layer's activation is '{last.activation}'; use activation='softmax' so the "
             "10 outputs are class probabilities.")


def test_only_the_labs_layers(lab):
    """실습의 신경망에 없는 층(Dropout, BatchNormalization 등)이 없음
    no layers the lab's network does not have (Dropout, BatchNormalization, ...)"""
    other = [layer for layer in lab.layers() if layer.kind not in LAB_LAYERS]
    if other:
        fail(f"{LABEL}: 실습의 신경망에 없는 층이 있습니다: {', '.join(x.describe() for x in other)}. 이 실습은 슬라이드의 "
             "CNN 그대로입니다 (Conv2D, MaxPooling2D, Flatten, Dense).",
             f"{LABEL}: the model has layers the lab's network does not: {', '.join(x.describe() for x in other)}. "
             "This lab is the slides' CNN as it is (Conv2D, MaxPooling2D, Flatten, Dense).")


def test_epochs_and_batch_size(submission, grading_params):
    """EPOCHS = 2, BATCH_SIZE = 64
    EPOCHS = 2, BATCH_SIZE = 64"""
    module = getattr(submission, MODULE)
    for name, want in (("EPOCHS", int(grading_params["epochs"])), ("BATCH_SIZE", int(grading_params["batch_size"]))):
        try:
            got = getattr(module, name)
        except StudentError:
            fail(f"{MODULE}.{name}이(가) 없습니다. {name} = {want}로 정의하세요.",
                 f"{MODULE}.{name} is not defined; define {name} = {want}.")
        if got is None:
            fail(f"{MODULE}.{name}: 아직 구현되지 않았습니다 ({name} = None). {name} = {want}로 정하세요.",
                 f"{MODULE}.{name}: not implemented yet ({name} = None). Set {name} = {want}.")
        if type(got) is not int or got != want:
            fail(f"{MODULE}.{name}이(가) {got!r}입니다. 실습은 {want}을(를) 요구합니다.",
                 f"{MODULE}.{name} is {got!r}; the lab asks for {want}.")


# ---------------------------------------------------------------- training
def test_test_accuracy(lab, grading_params, feedback):
    """채점기가 학습한 뒤의 테스트 정확도
    test accuracy after the grader trains the model"""
    result = lab.result()
    info = lab.trainer.info
    acc = float(result["test_accuracy"])
    full, zero = float(grading_params["min_test_accuracy"]), float(grading_params["zero_credit_accuracy"])
    per_class = result["per_class_accuracy"]
    worst = int(np.argmin(per_class))
    feedback.record(test_accuracy=acc, per_class_accuracy=per_class, history=result["history"],
                    device=info.get("device"), backend=info.get("backend"),
                    train_seconds=result["train_seconds"], epochs=lab.epochs,
                    batch_size=int(grading_params["batch_size"]), seed=int(lab.training["seed"]))
    classes_en = ", ".join(f"{n} {a:.3f}" for n, a in zip(CLASS_NAMES, per_class))
    classes_ko = ", ".join(f"{n} {a:.3f}" for n, a in zip(CLASS_NAMES_KO, per_class))
    cached_ko = " (같은 모델 구성의 이전 학습 결과를 재사용)" if result.get("cached") else ""
    cached_en = " (reused: an earlier run trained an identical model config)" if result.get("cached") else ""
    feedback.note(msg(
        f"테스트 정확도 {acc:.4f} (만점 기준 {full:.2f}); 장치 {info.get('device')}, {lab.epochs} 에폭 학습 "
        f"{result['train_seconds']:.1f}초{cached_ko}.\n클래스별 정확도: {classes_ko} (가장 낮은 클래스: {CLASS_NAMES_KO[worst]})",
        f"test accuracy {acc:.4f} (full credit at {full:.2f}); device {info.get('device')}, {lab.epochs} epochs of "
        f"training in {result['train_seconds']:.1f} s{cached_en}.\nper-class accuracy: {classes_en} "
        f"(weakest: {CLASS_NAMES[worst]})"))
    if acc >= full:
        return
    fraction = 0.0 if acc <= zero else (acc - zero) / (full - zero)
    hint_ko = hint_en = ""
    if result.get("nan_loss"):
        hint_ko = " 학습 중 손실이 NaN이 되었습니다: 출력층의 softmax와 학습률을 확인하세요."
        hint_en = " The loss became NaN during training: check the output softmax and the learning rate."
    raise Partial(msg(
        f"테스트 정확도 {acc:.4f}가 만점 기준 {full:.2f}보다 낮습니다 ({zero:.2f} 이하는 0점, 그 사이는 비례 점수).{hint_ko} "
        "옵티마이저와 학습률을 확인하세요 (예: optimizer='adam').",
        f"test accuracy {acc:.4f} is below the full-credit bar {full:.2f} (0 points at {zero:.2f} or below, "
        f"linear in between).{hint_en} Check the optimizer and learning rate (e.g. optimizer='adam')."), fraction)

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

import pytest

from grader.kits.datasets.fashion_mnist import CLASS_NAMES, CLASS_NAMES_KO
from grader.kits.keras import checks
from grader.kits.keras.arch import CONV, POOLING, Layer, io_shapes
from grader.kits.keras.lab import Lab
from grader.messages import msg
from grader.oracle.checks import fail

MODULE, FUNCTION = "fashion_cnn", "build_model"
LABEL = f"{MODULE}.{FUNCTION}()"
FILTERS = [32, 64, 64]
NONLINEAR = {"relu", "sigmoid", "tanh", "elu", "selu", "gelu", "leaky_relu", "relu6", "silu", "swish",
             "softplus", "mish", "hard_sigmoid", "hard_silu", "hard_swish", "celu", "glu", "log_sigmoid",
             "softsign", "sparse_plus", "squareplus", "tanh_shrink", "hard_tanh", "threshold"}
LAB_LAYERS = {"Conv2D", "MaxPooling2D", "Dense"}  # after structural layers (Input, Flatten, Reshape) are dropped


def grader_warm_up(submission, params):
    """Start the trainer and the student's build_model() at once (the plugin shares the Lab)."""
    return Lab(submission, params, MODULE, FUNCTION,
               input_shape=(28, 28, 1),
               inputs=msg("(28, 28, 1) 모양의 이미지", "(28, 28, 1) images"),
               params=93_322, outputs=10,
               loss_advice=checks.INTEGER_LABELS_LOSS)


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
def test_build_model_returns_keras_model(lab, feedback):
    """build_model()이 채점기가 불러올 수 있는 Keras 모델을 반환
    build_model() returns a Keras model the grader can load"""
    checks.loads(lab, feedback)


def test_model_compiled_for_integer_labels(lab):
    """모델이 정수 레이블에 맞는 손실 함수로 compile됨
    the model is compiled with a loss for integer labels"""
    _, config = lab.model()
    checks.compiled_for_integer_labels(LABEL, config)


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
    layers = lab.layers()
    if not _convs(layers):  # an MLP's Dense(64) is not the CNN's head (the convolution test says what is missing)
        fail(f"{LABEL}: 합성곱 층이 없어 그 뒤의 Dense 층도 없습니다. 실습은 합성곱 세 층 뒤에 Flatten과 64개 노드의 "
             "Dense 층을 둡니다.",
             f"{LABEL}: there are no convolution layers, so no Dense layer after them. The lab puts Flatten and a "
             "64-unit Dense layer after its three convolutions.")
    head = _head(layers)
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
    checks.softmax_output(LABEL, lab)


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
    checks.settings_constants(submission, MODULE, {"EPOCHS": int(grading_params["epochs"]),
                                                   "BATCH_SIZE": int(grading_params["batch_size"])})


# ---------------------------------------------------------------- training
def test_test_accuracy(lab, grading_params, feedback):
    """채점기가 학습한 뒤의 테스트 정확도
    test accuracy after the grader trains the model"""
    checks.accuracy_bar(lab, grading_params, feedback, (CLASS_NAMES_KO, CLASS_NAMES))

"""Hidden suite for a06_fashion_mnist: LAB 8-1 (Keras, Fashion-MNIST).

The spec (slides 003, LAB 8-1): hidden Dense layers of 128 and 32 units, 20%
dropout on the connection from the input into the 128-unit layer, 10 softmax
outputs, 10 epochs, batch size 64.

How it is checked, without trusting student code (the Keras kit's :class:`grader.kits.keras.lab.Lab`):

* The student's ``build_model()`` runs in the sandboxed worker, which saves the
  returned model as a ``.keras`` file; only the file's bytes cross.
* The oracle vets the file (:mod:`grader.kits.keras.safety`) and reads the network's
  layers from its config (:mod:`grader.kits.keras.arch`), whatever API built it.
* The grader's trainer process loads it with ``safe_mode=True``, re-initialises
  its weights under the grader's seed, trains it with the student's optimizer
  and loss for the lab's epochs and batch size on the 60,000 training images,
  and measures accuracy on the 10,000 test images (never seen by student code).

Accuracy bar (grading.yml ``min_test_accuracy`` / ``zero_credit_accuracy``),
measured with ``python tools/measure_a06_thresholds.py`` through this trainer on
a 2-core CPU (TensorFlow 2.21, Keras 3.15): see the README's a06 section for
the figures. Full credit at or above ``min_test_accuracy``; a linear ramp down
to 0 points at ``zero_credit_accuracy``.
"""
from __future__ import annotations

import pytest

from grader.kits.datasets.fashion_mnist import CLASS_NAMES, CLASS_NAMES_KO
from grader.kits.keras import checks
from grader.kits.keras.arch import Layer, io_shapes
from grader.kits.keras.lab import Lab
from grader.messages import msg
from grader.oracle.checks import fail

MODULE, FUNCTION = "fashion_mnist_lab", "build_model"
LABEL = f"{MODULE}.{FUNCTION}()"
NONLINEAR = {"relu", "sigmoid", "tanh", "elu", "selu", "gelu", "leaky_relu", "relu6", "silu", "swish",
             "softplus", "mish", "hard_sigmoid", "hard_silu", "hard_swish", "celu", "glu", "log_sigmoid",
             "softsign", "sparse_plus", "squareplus", "tanh_shrink", "hard_tanh", "threshold"}


def grader_warm_up(submission, params):
    """Start the trainer and the student's build_model() at once, while other assignments are tested.
    The plugin shares the Lab between this module's tests and closes it (its trainer) at the end."""
    return Lab(submission, params, MODULE, FUNCTION,
               input_shape=(28, 28),
               inputs=msg("(28, 28) 모양의 이미지", "(28, 28) images"),
               params=105_000, outputs=10,
               loss_advice=checks.INTEGER_LABELS_LOSS)


@pytest.fixture
def lab(warm_up):
    return warm_up


# ---------------------------------------------------------------- structure
def test_build_model_returns_keras_model(lab, feedback):
    """build_model()이 채점기가 불러올 수 있는 Keras 모델을 반환
    build_model() returns a Keras model the grader can load"""
    checks.loads(lab, feedback)


def test_model_compiled_for_integer_labels(lab):
    """모델이 정수 레이블에 맞는 손실 함수로 compile됨
    the model is compiled with a loss for integer labels"""
    _, config = lab.model()  # the saved config is enough: this test needs neither the trainer nor the data
    checks.compiled_for_integer_labels(LABEL, config)


def test_input_and_output_shapes(lab):
    """입력 (28, 28) 이미지, 출력 10개
    input (28, 28) images, 10 outputs"""
    _, config = lab.model()
    input_shape, output_shape = io_shapes(config)
    if input_shape is None or output_shape is None:  # a graph the config alone does not tell: ask Keras
        loaded = lab.loaded()
        input_shape, output_shape = loaded["input_shape"], loaded["output_shape"]
    info = {"input_shape": input_shape, "output_shape": output_shape}
    if info["input_shape"] is None or list(info["input_shape"])[1:] != [28, 28]:
        fail(f"{LABEL}: 입력 모양이 {info['input_shape']}입니다. (None, 28, 28)이어야 합니다 "
             "(keras.Input(shape=(28, 28)) 또는 Flatten(input_shape=(28, 28))).",
             f"{LABEL}: the input shape is {info['input_shape']}; expected (None, 28, 28) "
             "(keras.Input(shape=(28, 28)) or Flatten(input_shape=(28, 28))).")
    if info["output_shape"] is None or list(info["output_shape"])[1:] != [10]:
        fail(f"{LABEL}: 출력 모양이 {info['output_shape']}입니다. (None, 10)이어야 합니다.",
             f"{LABEL}: the output shape is {info['output_shape']}; expected (None, 10).")


def _hidden(layers: list[Layer]) -> list[Layer]:
    dense = [layer for layer in layers if layer.kind == "Dense"]
    return dense[:-1]


def test_hidden_layers_128_and_32(lab):
    """은닉층: 128개, 32개 노드의 Dense 층 두 개 (비선형 활성화)
    hidden layers: two Dense layers of 128 and 32 units (non-linear activation)"""
    layers = lab.layers()
    other = [layer for layer in layers if layer.kind not in ("Dense", "Dropout")]
    if other:
        fail(f"{LABEL}: 실습의 신경망에 없는 층이 있습니다: {', '.join(o.describe() for o in other)}.",
             f"{LABEL}: the model has layers the lab's network does not: {', '.join(o.describe() for o in other)}.")
    units = [layer.units for layer in _hidden(layers)]
    if units != [128, 32]:
        if len(units) < 2:
            missing_ko = "32개 노드의 은닉층이 없습니다" if units == [128] else "은닉층이 부족합니다"
            missing_en = "the 32-unit hidden layer is missing" if units == [128] else "hidden layers are missing"
        else:
            missing_ko, missing_en = "노드 수나 순서가 다릅니다", "the sizes or their order differ"
        fail(f"{LABEL}: 은닉 Dense 층의 노드 수가 {units}입니다 ({missing_ko}). 실습은 128개, 32개 순서의 두 은닉층을 요구합니다.",
             f"{LABEL}: the hidden Dense layers have {units} units ({missing_en}); the lab asks for two hidden "
             "layers of 128 then 32 units.")
    for layer in _hidden(layers):
        if layer.activation not in NONLINEAR:
            fail(f"{LABEL}: {layer.units}개 노드의 은닉층 활성화 함수가 '{layer.activation}'입니다. "
                 "비선형 활성화(예: activation='relu')가 필요합니다.",
                 f"{LABEL}: the {layer.units}-unit hidden layer's activation is '{layer.activation}'; it needs a "
                 "non-linear one (e.g. activation='relu').")


def test_dropout_into_128_layer(lab):
    """입력층에서 128개 노드 은닉층으로 가는 연결에 20% 드롭아웃
    20% dropout on the connection from the input into the 128-unit layer"""
    layers = lab.layers()
    drops = [(i, layer) for i, layer in enumerate(layers) if layer.kind == "Dropout"]
    if not drops:
        fail(f"{LABEL}: Dropout 층이 없습니다. 입력에서 128개 노드 층으로 가는 연결에 Dropout(0.2)을 넣으세요 "
             "(Dense(128) 바로 앞).",
             f"{LABEL}: there is no Dropout layer. Put Dropout(0.2) on the connection from the input into the "
             "128-unit layer (right before Dense(128)).")
    first_dense = next((i for i, layer in enumerate(layers) if layer.kind == "Dense"), len(layers))
    before = [layer for i, layer in drops if i < first_dense]
    after = [(i, layer) for i, layer in drops if i > first_dense]
    if after:
        i, _ = after[0]
        prev = next((d for d in reversed(layers[:i]) if d.kind == "Dense"), None)
        where_en = f"after the {prev.units}-unit layer" if prev else "after a Dense layer"
        where_ko = f"{prev.units}개 노드 층 뒤" if prev else "Dense 층 뒤"
        fail(f"{LABEL}: Dropout이 {where_ko}에 있습니다. 실습은 입력에서 128개 노드 층으로 가는 연결, "
             "즉 Dense(128) 바로 앞에만 드롭아웃을 둡니다.",
             f"{LABEL}: a Dropout sits {where_en}. The lab puts dropout only on the connection from the input "
             "into the 128-unit layer, i.e. right before Dense(128).")
    if len(before) > 1:
        fail(f"{LABEL}: 입력 쪽에 Dropout이 {len(before)}개 있습니다. 하나만 두세요.",
             f"{LABEL}: there are {len(before)} Dropout layers on the input side; use one.")
    rate = before[0].rate
    if rate is None or abs(rate - 0.2) > 1e-6:
        fail(f"{LABEL}: 드롭아웃 비율이 {rate:g}입니다. 실습은 20%(0.2)를 요구합니다.",
             f"{LABEL}: the dropout rate is {rate:g}; the lab asks for 20% (0.2).")


def test_softmax_output_layer(lab):
    """출력층: 10개 노드, softmax 활성화
    output layer: 10 units with softmax"""
    checks.softmax_output(LABEL, lab)


def test_epochs_and_batch_size(submission, grading_params):
    """EPOCHS = 10, BATCH_SIZE = 64
    EPOCHS = 10, BATCH_SIZE = 64"""
    checks.settings_constants(submission, MODULE, {"EPOCHS": int(grading_params["epochs"]),
                                                   "BATCH_SIZE": int(grading_params["batch_size"])})


# ---------------------------------------------------------------- training
def test_test_accuracy(lab, grading_params, feedback):
    """채점기가 10 에폭 학습한 뒤의 테스트 정확도
    test accuracy after the grader trains the model for 10 epochs"""
    checks.accuracy_bar(lab, grading_params, feedback, (CLASS_NAMES_KO, CLASS_NAMES))

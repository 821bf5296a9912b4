"""Keras 2 idioms that Keras 3 refuses, and the message that names the Keras 3 way.

Students copy Keras 2 code (books, tutorials, their seniors' notebooks). Keras 3 answers it with
errors that name the problem but not the fix ("Argument(s) not recognized: {'lr': 0.1}", "No module
named 'keras.layers.advanced_activations'"), or, for ``decay=``, a warning while the setting is
silently dropped. Each idiom here is recognised from the text Keras 3 produces (an exception's
message, a warning, the type of the returned model) and gets one bilingual sentence saying what to
write instead. docs/keras.md lists the same table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from grader.messages import Message, msg


@dataclass(frozen=True)
class Idiom:
    """One Keras 2 idiom: ``pattern`` finds it in Keras 3's error or warning text."""

    name: str
    pattern: re.Pattern[str]
    fix: Message


IDIOMS: tuple[Idiom, ...] = (
    Idiom("lr=", re.compile(r"not recognized: \{[^}]*'lr'"),
          msg(" Keras 2의 lr= 키워드는 Keras 3에서 learning_rate=입니다 (예: SGD(learning_rate=0.1)).",
              " lr= is Keras 2's keyword; Keras 3 calls it learning_rate= (e.g. SGD(learning_rate=0.1)).")),
    Idiom("decay=", re.compile(r"Argument `decay` is no longer supported"),
          msg(" Keras 3의 옵티마이저는 decay=를 무시합니다: 학습률을 줄이려면 LearningRateSchedule을 쓰세요 (Keras 2의 "
              "decay=d는 learning_rate=keras.optimizers.schedules.InverseTimeDecay(lr, decay_steps=1, decay_rate=d)).",
              " Keras 3's optimizers ignore decay=: to lower the learning rate, pass a LearningRateSchedule (Keras 2's "
              "decay=d is learning_rate=keras.optimizers.schedules.InverseTimeDecay(lr, decay_steps=1, "
              "decay_rate=d)).")),
    Idiom("tensorflow.python.keras", re.compile(r"tensorflow\.python\.keras|\btf_keras\b"),
          msg(" tensorflow.python.keras는 TensorFlow 내부의 옛 Keras 2입니다: from tensorflow import keras 또는 "
              "import keras로 Keras 3를 쓰세요.",
              " tensorflow.python.keras is TensorFlow's internal copy of the old Keras 2: use Keras 3, with "
              "from tensorflow import keras or import keras.")),
    Idiom("keras.layers.advanced_activations",
          re.compile(r"No module named '[\w.]*keras\.layers\.advanced_activations"),
          msg(" Keras 3에는 keras.layers.advanced_activations가 없습니다: keras.layers.LeakyReLU (PReLU, ELU, ReLU)를 "
              "keras.layers에서 바로 쓰세요.",
              " Keras 3 has no keras.layers.advanced_activations: use keras.layers.LeakyReLU (PReLU, ELU, ReLU) "
              "straight from keras.layers.")),
    Idiom("keras.layers.core",
          re.compile(r"No module named '[\w.]*keras\.layers\.(core|convolutional|pooling|recurrent)'"),
          msg(" Keras 3에는 keras.layers의 하위 모듈(core, convolutional, pooling)이 없습니다: "
              "from keras.layers import Dense, Conv2D처럼 keras.layers에서 바로 가져오세요.",
              " Keras 3 has no submodules of keras.layers (core, convolutional, pooling): import the layers "
              "straight from keras.layers, e.g. from keras.layers import Dense, Conv2D.")),
    Idiom("keras.utils.np_utils", re.compile(r"np_utils"),
          msg(" Keras 3에는 keras.utils.np_utils가 없습니다: keras.utils.to_categorical을 쓰세요.",
              " Keras 3 has no keras.utils.np_utils: use keras.utils.to_categorical.")),
    Idiom("fit_generator", re.compile(r"no attribute '(fit|evaluate|predict)_generator'"),
          msg(" Keras 3에는 model.fit_generator가 없습니다: model.fit이 제너레이터와 tf.data 데이터셋을 받습니다 "
              "(evaluate_generator, predict_generator도 evaluate, predict로).",
              " Keras 3 has no model.fit_generator: model.fit takes generators and tf.data datasets (and "
              "evaluate_generator, predict_generator become evaluate, predict).")),
    Idiom("predict_classes", re.compile(r"no attribute 'predict_classes'"),
          msg(" Keras 3에는 model.predict_classes가 없습니다: np.argmax(model.predict(x), axis=-1)를 쓰세요.",
              " Keras 3 has no model.predict_classes: use np.argmax(model.predict(x), axis=-1).")),
    Idiom("init=", re.compile(r"Unrecognized keyword arguments passed to \w+: \{[^}]*'init'"),
          msg(" init=은 Keras 1의 키워드입니다: kernel_initializer=를 쓰세요.",
              " init= is Keras 1's keyword: use kernel_initializer=.")),
)


def fix_for(text: str) -> Message | None:
    """The Keras 3 way for the first Keras 2 idiom found in ``text`` (an error or warning), if any."""
    for idiom in IDIOMS:
        if idiom.pattern.search(text):
            return idiom.fix
    return None


def explained(exc: Exception) -> Exception:
    """``exc`` (a student-facing failure carrying ``message``, e.g. a StudentError or an import
    failure) with the Keras 3 way added when its text shows a Keras 2 idiom; else ``exc`` itself."""
    message = getattr(exc, "message", None)
    if not isinstance(message, Message):
        return exc
    fix = fix_for(f"{message.en}\n{getattr(exc, 'detail', '')}")
    if fix is None or fix.en in message.en:
        return exc
    fresh = getattr(exc, "fresh", None)
    clone: Any = fresh() if callable(fresh) else exc  # duck-typed: a failure carrying ``message`` (checked above)
    stop = msg("", "") if message.en.rstrip().endswith(".") else msg(".", ".")
    clone.message = message + stop + fix
    Exception.__init__(clone, clone.message.en)
    return clone

"""공개 테스트 (채점용 숨은 테스트는 더 많고, 모델을 직접 학습시켜 정확도를 잽니다)
Public tests (the hidden grading tests check more, and train the model to measure its accuracy).

실행 / run:  pytest test_fashion_mnist_public.py
"""
import numpy as np

from fashion_mnist_lab import BATCH_SIZE, EPOCHS, build_model


def test_settings():
    if EPOCHS is None or BATCH_SIZE is None:
        raise NotImplementedError("EPOCHS, BATCH_SIZE (TODO)")
    assert EPOCHS == 10 and BATCH_SIZE == 64


def test_model_maps_images_to_10_probabilities():
    model = build_model()
    assert model.optimizer is not None, "build_model() must compile the model / 모델을 compile하세요"
    probs = np.asarray(model.predict(np.zeros((2, 28, 28), dtype="float32"), verbose=0))
    assert probs.shape == (2, 10)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)


def test_layer_sizes():
    model = build_model()
    units = [layer.units for layer in model.layers if hasattr(layer, "units")]
    assert units == [128, 32, 10]
    assert any(type(layer).__name__ == "Dropout" for layer in model.layers)

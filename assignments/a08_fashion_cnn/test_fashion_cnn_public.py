"""공개 테스트 (채점용 숨은 테스트는 더 많고, 모델을 직접 학습시켜 정확도를 잽니다)
Public tests (the hidden grading tests check more, and train the model to measure its accuracy).

실행 / run:  pytest test_fashion_cnn_public.py
"""
import numpy as np

from fashion_cnn import BATCH_SIZE, EPOCHS, build_model


def test_settings():
    if EPOCHS is None or BATCH_SIZE is None:
        raise NotImplementedError("EPOCHS, BATCH_SIZE (TODO)")
    assert (EPOCHS, BATCH_SIZE) == (2, 64)


def test_model_maps_images_to_ten_probabilities():
    model = build_model()
    assert model.optimizer is not None, "build_model() must compile the model / 모델을 compile하세요"
    out = np.asarray(model.predict(np.zeros((2, 28, 28, 1), dtype="float32"), verbose=0))
    assert out.shape == (2, 10)
    assert np.allclose(out.sum(axis=1), 1.0, atol=1e-4)


def test_three_convolutions():
    model = build_model()
    filters = [layer.filters for layer in model.layers if hasattr(layer, "filters")]
    assert filters == [32, 64, 64]

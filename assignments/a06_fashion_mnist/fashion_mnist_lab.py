"""LAB 8-1: Fashion-MNIST 데이터 분류하기 (Keras)
LAB 8-1: classifying Fashion-MNIST (Keras)

다음 신경망을 만드는 build_model()을 작성하세요 (슬라이드 003, LAB 8-1):
Write build_model() so that it builds this network (slides 003, LAB 8-1):

  1. 각각 128개와 32개의 노드를 가진 두 개의 은닉층 (활성화: relu)
     two hidden Dense layers of 128 and 32 units (activation: relu)
  2. 입력층에서 128개 노드의 은닉층으로 가는 연결에 20% 드롭아웃
     20% dropout on the connection from the input into the 128-unit layer
  3. 10개의 출력 노드 (softmax), 각각 10개의 클래스에 해당
     10 output units (softmax), one per class
  4. 에폭 수 10, 배치 크기 64 (EPOCHS, BATCH_SIZE)
     10 epochs, batch size 64 (EPOCHS, BATCH_SIZE)

Shapes / 모양:
  input  x: (N, 28, 28) float images scaled to [0, 1]   (N = batch size)
  output  : (N, 10) class probabilities (each row sums to 1)

채점 방법 / how it is graded:
  - 채점기는 build_model()을 호출해 모델 구조를 확인하고, 채점기 자신의 프로세스에서
    같은 데이터·시드·에폭·배치 크기로 모델을 학습시킨 뒤 테스트 데이터(10,000장)로
    정확도를 잽니다. 여러분의 코드에서 한 학습은 점수에 쓰이지 않습니다.
    The grader calls build_model(), checks the network, then trains it in its own
    process with the same data, seed, epochs and batch size for everyone, and
    measures accuracy on the 10,000 test images. Training done by your code is
    not used for the score.
  - build_model()은 compile된 모델을 반환해야 합니다 (optimizer와 loss 지정).
    build_model() must return a compiled model (optimizer and loss set).
  - keras.layers의 기본 층(Flatten, Dropout, Dense, ...)만 쓰세요. 직접 만든 층이나
    Lambda 층은 채점기가 불러오지 않습니다.
    Use keras.layers' built-in layers only; custom layers and Lambda layers are
    not loaded by the grader.
  - 데이터 읽기와 학습(model.fit)은 이 파일의 맨 아래 `if __name__ == "__main__":`
    안에만 두세요. 채점기는 이 파일을 import하며, 그때는 데이터에 접근할 수 없습니다.
    Keep data loading and training (model.fit) under `if __name__ == "__main__":`
    at the bottom of this file: the grader imports it, with no access to the data.

테스트 실행 / run the public tests:  pytest test_fashion_mnist_public.py
직접 학습해 보기 / train it yourself:  python fashion_mnist_lab.py
"""
from tensorflow import keras

# ===== TODO: 실습의 에폭 수와 배치 크기 / the lab's number of epochs and batch size =====
EPOCHS = None
BATCH_SIZE = None
# ===== END TODO =====


def build_model() -> keras.Model:
    """LAB 8-1의 신경망을 만들고 compile해서 반환합니다.
    Build the LAB 8-1 network, compile it, and return it.

    Returns:
      model: keras.Model, input (N, 28, 28) -> output (N, 10) softmax probabilities,
             compiled with optimizer='adam', loss='sparse_categorical_crossentropy',
             metrics=['accuracy'].
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    # 힌트 / hint: keras.models.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(), ...])
    raise NotImplementedError("build_model")
    # ===== END TODO =====


if __name__ == "__main__":
    # 직접 학습해 보기 (채점에는 쓰이지 않습니다) / train it yourself (not used for grading)
    fashion_mnist = keras.datasets.fashion_mnist
    (train_images, train_labels), (test_images, test_labels) = fashion_mnist.load_data()
    train_images, test_images = train_images / 255.0, test_images / 255.0
    model = build_model()
    model.summary()
    model.fit(train_images, train_labels, epochs=EPOCHS, batch_size=BATCH_SIZE)
    test_loss, test_acc = model.evaluate(test_images, test_labels, verbose=2)
    print("테스트 정확도 / test accuracy:", test_acc)

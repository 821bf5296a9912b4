"""합성곱 신경망으로 Fashion-MNIST 분류하기 (Keras)
Classifying Fashion-MNIST with a convolutional neural network (Keras)

슬라이드의 CNN을 만드는 build_model()을 작성하세요 (슬라이드 000, "Fashion-MNIST data: CNN?"):
Write build_model() so that it builds the slides' CNN (slides 000, "Fashion-MNIST data: CNN?"):

  1. Conv2D 32개 필터 (3, 3), relu  ->  MaxPooling2D (2, 2)
     Conv2D with 32 filters (3, 3), relu  ->  MaxPooling2D (2, 2)
  2. Conv2D 64개 필터 (3, 3), relu  ->  MaxPooling2D (2, 2)
     Conv2D with 64 filters (3, 3), relu  ->  MaxPooling2D (2, 2)
  3. Conv2D 64개 필터 (3, 3), relu
     Conv2D with 64 filters (3, 3), relu
  4. Flatten  ->  Dense 64개 노드 (relu)  ->  Dense 10개 노드 (softmax)
     Flatten  ->  Dense with 64 units (relu)  ->  Dense with 10 units (softmax)
  5. optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy']
  6. 에폭 수 2, 배치 크기 64 (EPOCHS, BATCH_SIZE)
     2 epochs, batch size 64 (EPOCHS, BATCH_SIZE)

Shapes / 모양:
  input  x: (N, 28, 28, 1) float images scaled to [0, 1]   (N = batch size; 1 = one colour channel)
  output  : (N, 10) class probabilities (each row sums to 1)

채점 방법 / how it is graded:
  - 채점기는 build_model()을 호출해 모델 구조를 확인하고, 채점기 자신의 프로세스에서
    모두에게 같은 데이터·시드·에폭·배치 크기로 학습시킨 뒤 테스트 데이터(10,000장)로
    정확도를 잽니다. 이미지에 채널 축 (28, 28) -> (28, 28, 1)은 채점기가 붙입니다.
    여러분의 코드에서 한 학습은 점수에 쓰이지 않습니다.
    The grader calls build_model(), checks the network, then trains it in its own
    process with the same data, seed, epochs and batch size for everyone, and
    measures accuracy on the 10,000 test images. The grader adds the channel axis
    (28, 28) -> (28, 28, 1) to the images. Training done by your code is not used
    for the score.
  - build_model()은 compile된 모델을 반환해야 합니다 (optimizer와 loss 지정).
    build_model() must return a compiled model (optimizer and loss set).
  - keras.layers의 기본 층만 쓰세요. 직접 만든 층이나 Lambda 층은 채점기가 불러오지 않습니다.
    Use keras.layers' built-in layers only; custom layers and Lambda layers are not
    loaded by the grader.
  - 데이터 읽기와 학습(model.fit)은 이 파일의 맨 아래 `if __name__ == "__main__":`
    안에만 두세요. 채점기는 이 파일을 import하며, 그때는 데이터에 접근할 수 없습니다.
    Keep data loading and training (model.fit) under `if __name__ == "__main__":`
    at the bottom of this file: the grader imports it, with no access to the data.

테스트 실행 / run the public tests:  pytest test_fashion_cnn_public.py
직접 학습해 보기 / train it yourself:  python fashion_cnn.py
"""
from tensorflow import keras

# ===== TODO: 실습의 에폭 수와 배치 크기 / the lab's number of epochs and batch size =====
EPOCHS = None
BATCH_SIZE = None
# ===== END TODO =====


def build_model() -> keras.Model:
    """슬라이드의 CNN을 만들고 compile해서 반환합니다.
    Build the slides' CNN, compile it, and return it.

    Returns:
      model: keras.Model, input (N, 28, 28, 1) -> output (N, 10) softmax probabilities,
             compiled with optimizer='adam', loss='sparse_categorical_crossentropy',
             metrics=['accuracy'].
    """
    # ===== TODO: 여기에 코드를 작성하세요 / write your code here =====
    # 힌트 / hint: keras.models.Sequential([keras.Input(shape=(28, 28, 1)),
    #                                      keras.layers.Conv2D(32, (3, 3), activation='relu'), ...])
    raise NotImplementedError("build_model")
    # ===== END TODO =====


if __name__ == "__main__":
    # 직접 학습해 보기 (채점에는 쓰이지 않습니다) / train it yourself (not used for grading)
    fashion_mnist = keras.datasets.fashion_mnist
    (train_images, train_labels), (test_images, test_labels) = fashion_mnist.load_data()
    train_images = train_images.reshape((60000, 28, 28, 1)) / 255.0
    test_images = test_images.reshape((10000, 28, 28, 1)) / 255.0
    model = build_model()
    model.summary()
    model.fit(train_images, train_labels, epochs=EPOCHS, batch_size=BATCH_SIZE)
    test_loss, test_acc = model.evaluate(test_images, test_labels, verbose=2)
    print("테스트 정확도 / test accuracy:", test_acc)

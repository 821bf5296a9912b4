def init_network():
    return "garbage"


def forward(network, x):
    return "garbage"


def predict(network, x):
    return "garbage"


def accuracy(network, x, t, batch_size=100):
    return "garbage"

"""A float32 TwoLayerNet keeping its layers in a list."""
import numpy as np

from layers import Affine, Relu, SoftmaxWithLoss


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        f32 = np.float32
        self.params = {
            "W1": (weight_init_std * np.random.randn(input_size, hidden_size)).astype(f32),
            "b1": np.zeros(hidden_size, dtype=f32),
            "W2": (weight_init_std * np.random.randn(hidden_size, output_size)).astype(f32),
            "b2": np.zeros(output_size, dtype=f32),
        }
        p = self.params
        self.layers = [Affine(p["W1"], p["b1"]), Relu(), Affine(p["W2"], p["b2"])]
        self.last = SoftmaxWithLoss()

    def predict(self, x):
        x = np.asarray(x, dtype=np.float32)
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.last.forward(self.predict(x), np.asarray(t))

    def accuracy(self, x, t):
        t = np.asarray(t)
        labels = t.argmax(axis=1) if t.ndim == 2 else t
        return float((self.predict(x).argmax(axis=1) == labels).mean())

    def numerical_gradient(self, x, t):
        grads = {}
        for key, p in self.params.items():
            g = np.zeros_like(p, dtype=np.float64)
            for idx in np.ndindex(p.shape):
                keep = p[idx]
                p[idx] = keep + 1e-4
                up = self.loss(x, t)
                p[idx] = keep - 1e-4
                down = self.loss(x, t)
                p[idx] = keep
                g[idx] = (up - down) / 2e-4
            grads[key] = g
        return grads

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.last.backward(1)
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        a1, a2 = self.layers[0], self.layers[2]
        return {"W1": a1.dW, "b1": a1.db, "W2": a2.dW, "b2": a2.db}

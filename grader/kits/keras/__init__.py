"""The Keras kit: vetting saved models (``safety``), reading architectures (``arch``), the trusted
trainer process (``trainer``) and its client (``client``), data sets (``fashion_mnist``).

Import-light: nothing here imports Keras or TensorFlow until a function needs it.
"""

"""The pipeline: one submission end to end (``engine``), a class in parallel (``batch``), and the
content-keyed results cache (``cache``)."""

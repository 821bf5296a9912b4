"""``grade dataset``: the data set commands a TA runs by hand (set-up, CI images)."""
from __future__ import annotations

import argparse
import sys


def dataset_main(argv: list[str]) -> int:
    """``grade dataset``: where the trainer finds Fashion-MNIST; optionally seed the Keras cache."""
    from grader.kits.datasets import fashion_mnist

    p = argparse.ArgumentParser(prog="grade dataset",
                                description="Find Fashion-MNIST (a06) as the grader's trainer does (getting it "
                                            "where it is missing: Debian's package, else Keras's download), and "
                                            "optionally copy it into the Keras cache so "
                                            "keras.datasets.fashion_mnist.load_data() works offline.")
    p.add_argument("--seed-keras-cache", action="store_true", help="copy the files into the Keras cache")
    p.add_argument("--no-download", action="store_true", help="never install or download (only look)")
    args = p.parse_args(argv)
    try:
        found, done = fashion_mnist.ensure(install=not args.no_download, download=not args.no_download)
        print(f"Fashion-MNIST: {found}" + (f" ({done})" if done else ""))
        if args.seed_keras_cache:
            print(f"Keras cache: {fashion_mnist.seed_keras_cache(found)}")
    except (fashion_mnist.DatasetError, OSError) as exc:
        print(f"grade: error: {exc}", file=sys.stderr)
        return 2
    return 0

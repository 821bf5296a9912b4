"""Finding, checking and reading Fashion-MNIST (for the trusted Keras trainer, a06; registered as ``fashion_mnist``).

Search order (docs/keras.md, "Data"): the folder named in grading.yml
(``training.dataset_dir``), ``$FASHION_MNIST_DIR``, the Keras cache
(``$KERAS_HOME`` or ``~/.keras``, then ``datasets/fashion-mnist``), Debian's
``dataset-fashion-mnist`` package (``/usr/share/datasets/fashion-mnist``), and
only then a download through Keras. A folder counts only when all four files
are there and each decompresses to its known size with the right IDX magic
number (read from the gzip trailer and header, so checking is cheap): the ``.gz`` sizes differ
between upstream and Debian (Debian stores no file name in the gzip header), the decompressed IDX
files do not.

Standard library and numpy only: the oracle checks data availability without
importing TensorFlow.
"""
from __future__ import annotations

import gzip
import os
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from grader import apt
from grader.files import replacing

DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")
PRIVATE_ROOTS = (DEBIAN_DIR.parent,)  # Debian's data set packages, all of them
DOWNLOAD_BASE = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"

# file name -> (IDX magic number, decompressed size in bytes)
FILES: dict[str, tuple[int, int]] = {
    "train-images-idx3-ubyte.gz": (2051, 16 + 60000 * 28 * 28),
    "train-labels-idx1-ubyte.gz": (2049, 8 + 60000),
    "t10k-images-idx3-ubyte.gz": (2051, 16 + 10000 * 28 * 28),
    "t10k-labels-idx1-ubyte.gz": (2049, 8 + 10000),
}
CLASS_NAMES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
CLASS_NAMES_KO = ("티셔츠/탑", "바지", "풀오버", "드레스", "코트", "샌들", "셔츠", "스니커즈", "가방", "앵클 부츠")


class DatasetError(Exception):
    """No usable copy of Fashion-MNIST; ``str()`` says where it looked and how to get one."""


@dataclass(frozen=True)
class Dataset:
    """A data set as the trainer uses it (every registered data set returns one)."""

    x_train: np.ndarray  # (60000, 28, 28) float32 in [0, 1]
    y_train: np.ndarray  # (60000,) int32
    x_test: np.ndarray   # (10000, 28, 28) float32 in [0, 1]
    y_test: np.ndarray   # (10000,) int32
    source: str          # the folder it was read from
    classes: int = 10
    fingerprint: bytes = b""  # what identifies the data in the training cache's key


def keras_cache_dir() -> Path:
    """Where ``keras.datasets.fashion_mnist.load_data()`` looks first (Keras 3's ``get_file``)."""
    home = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    return Path(home) / "datasets" / "fashion-mnist"


def candidates(configured: str | None = None) -> list[tuple[str, Path]]:
    """(label, folder) in search order; unset entries are left out."""
    out: list[tuple[str, Path]] = []
    if configured:
        out.append(("grading.yml training.dataset_dir", Path(configured).expanduser()))
    env = os.environ.get("FASHION_MNIST_DIR")
    if env:
        out.append(("$FASHION_MNIST_DIR", Path(env).expanduser()))
    out.append(("Keras cache", keras_cache_dir()))
    out.append(("Debian dataset-fashion-mnist", DEBIAN_DIR))
    return out


def gzip_trailer(path: Path) -> bytes:
    """A gzip file's last 8 bytes: CRC-32 and size of its decompressed contents, read without decompressing."""
    with open(path, "rb") as f:
        f.seek(-8, os.SEEK_END)
        return f.read(8)


def check_folder(folder: Path) -> str | None:
    """None when ``folder`` holds all four files intact, else what is wrong (one line)."""
    if not folder.is_dir():
        return "no such folder"
    for name, (magic, size) in FILES.items():
        path = folder / name
        if not path.is_file():
            return f"{name} is missing"
        try:
            length = struct.unpack("<I", gzip_trailer(path)[4:])[0]  # ISIZE: the decompressed size
            with gzip.open(path, "rb") as f:
                head = f.read(4)
        except (OSError, EOFError, struct.error) as exc:
            return f"{name} is not a readable gzip file ({exc})"
        if len(head) < 4 or struct.unpack(">I", head)[0] != magic:
            return f"{name} is not an IDX file of the expected kind"
        if length != size:
            return f"{name} holds {length} bytes once decompressed; expected {size}"
    return None


def locate(configured: str | None = None, download: bool = True) -> Path:
    """The first intact folder in search order; downloads into the Keras cache as a last resort."""
    tried = []
    for label, folder in candidates(configured):
        problem = check_folder(folder)
        if problem is None:
            return folder
        tried.append(f"{label} ({folder}): {problem}")
    if download:
        try:
            return _download()
        except Exception as exc:  # noqa: BLE001 - any network failure ends in the one message below
            tried.append(f"download from {DOWNLOAD_BASE}: {type(exc).__name__}: {str(exc)[:200]}")
    raise DatasetError("Fashion-MNIST not found. Looked in: " + "; ".join(tried) +
                       ". Install it with `apt-get install dataset-fashion-mnist`, or set FASHION_MNIST_DIR "
                       "to a folder holding the four .gz files.")


DEBIAN_PACKAGE = "dataset-fashion-mnist"


def _apt_install() -> str:
    """Install Debian's package (as root, or through passwordless sudo); what happened, in one line."""
    return apt.install(DEBIAN_PACKAGE)


def ensure(configured: str | None = None, install: bool = True, download: bool = True) -> tuple[Path, str]:
    """Find the data, or get it: Debian's package where apt is usable, else Keras's download where
    there is internet. Returns the folder and what was done ("" when it was already there); raises
    :class:`DatasetError` with every attempt and the one-line instruction when all fail."""
    try:
        return locate(configured, download=False), ""
    except DatasetError as exc:
        first = str(exc)
    done = _apt_install() if install else "not installing (offline)"
    if done.startswith("installed"):
        try:
            return locate(configured, download=False), done
        except DatasetError:
            pass
    if not download:
        raise DatasetError(f"{first} ({done})")
    try:
        return locate(configured, download=True), "downloaded through Keras"
    except DatasetError as exc:
        raise DatasetError(f"{exc} ({done})") from None


def _download() -> Path:
    """Keras's own downloader fills the Keras cache (needs the network and keras)."""
    from keras.datasets import fashion_mnist  # only here: the rest of the module needs no keras

    fashion_mnist.load_data()
    folder = keras_cache_dir()
    problem = check_folder(folder)
    if problem is not None:
        raise DatasetError(f"downloaded files are damaged: {problem}")
    return folder


def _read(path: Path, offset: int) -> np.ndarray:
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, size = FILES[path.name]
    if len(data) != size or struct.unpack(">I", data[:4])[0] != magic:
        raise DatasetError(f"{path}: damaged ({len(data)} bytes once decompressed; expected {size})")
    return np.frombuffer(data, np.uint8, offset=offset)


def load(folder: Path) -> Dataset:
    """Read a folder that :func:`check_folder` accepted; images scaled to [0, 1] as the lab does."""
    x_train = _read(folder / "train-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28)
    x_test = _read(folder / "t10k-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28)
    return Dataset(x_train=(x_train / np.float32(255)).astype(np.float32),
                   y_train=_read(folder / "train-labels-idx1-ubyte.gz", 8).astype(np.int32),
                   x_test=(x_test / np.float32(255)).astype(np.float32),
                   y_test=_read(folder / "t10k-labels-idx1-ubyte.gz", 8).astype(np.int32),
                   source=str(folder), classes=10, fingerprint=fingerprint(folder))


def fingerprint(folder: Path) -> bytes:
    """The gzip trailers (CRC-32 and size of each file's contents): a different copy of the data
    never shares a training-cache entry, and nothing is decompressed to tell."""
    return b"".join(gzip_trailer(folder / name) for name in FILES)


def data_fingerprint(configured: str | None = None) -> bytes:
    """:attr:`Dataset.fingerprint` of what :func:`training_data` would read, without reading it (the
    training cache's recall key, :mod:`grader.kits.keras.recall`); :class:`DatasetError` if none."""
    return fingerprint(locate(configured, download=False))


def training_data(configured: str | None = None) -> Dataset:
    """What the trainer trains on (never a download: see :func:`ensure`, run by ``grade``)."""
    return load(locate(configured, download=False))


def seed_keras_cache(source: Path, target: Path | None = None) -> Path:
    """Copy the four files into the Keras cache, so a student's own ``load_data()`` works offline."""
    target = target or keras_cache_dir()
    target.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        dest = target / name
        if not dest.exists() or dest.stat().st_size != (source / name).stat().st_size:
            with replacing(dest) as tmp:
                shutil.copyfile(source / name, tmp)
    problem = check_folder(target)
    if problem is not None:
        raise DatasetError(f"{target}: {problem}")
    return target

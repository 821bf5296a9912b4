"""`grade gradescope-zip` builds what Gradescope's autograder page takes, and nothing it should not."""
from __future__ import annotations

import stat
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_zip_has_the_entry_points_and_the_grader(tmp_path):
    out = tmp_path / "autograder.zip"
    r = subprocess.run([sys.executable, "-m", "grader", "gradescope-zip", "-o", str(out)], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        for script in ("setup.sh", "run_autograder"):
            assert stat.S_IMODE(zf.getinfo(script).external_attr >> 16) & 0o111
            text = zf.read(script).decode()
            assert subprocess.run(["bash", "-n"], input=text, text=True).returncode == 0
        assert "--format gradescope" in zf.read("run_autograder").decode()
        assert "/autograder/results/results.json" in zf.read("run_autograder").decode()
    assert {"pyproject.toml", "grading.yml", "grader/cli.py", "reference/a01_perceptron/perceptron.py",
            "tests/a05_backprop/data/fashion_mnist_sample.npz"} <= names
    assert not any(n.startswith(("toolkit_tests/", "examples/", ".git")) or "__pycache__" in n for n in names)


def test_installing_the_zip_gives_a_working_grade(tmp_path):
    """What setup.sh does with the unpacked zip, minus apt: it installs and grades."""
    out = tmp_path / "autograder.zip"
    subprocess.run([sys.executable, "-m", "grader", "gradescope-zip", "-o", str(out)], cwd=ROOT, check=True,
                   capture_output=True, timeout=120)
    source = tmp_path / "source"
    with zipfile.ZipFile(out) as zf:
        zf.extractall(source)
    r = subprocess.run([sys.executable, "-m", "grader", str(ROOT / "reference"), "--config",
                        str(source / "grading.yml"),
                        "--format", "gradescope", "--no-cache", "-a", "a01_perceptron", "-o", str(tmp_path / "r.json")],
                       cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    import json
    data = json.loads((tmp_path / "r.json").read_text())
    assert data["score"] == 20 and data["tests"]


def test_setup_installs_what_the_course_kits_ask():
    """setup.sh asks the kits (kits.Packaging), not a hard-coded Keras: a numpy-only course installs no extra
    and no data set; the Keras kit brings its extra, Fashion-MNIST and the folder to protect."""
    from grader import kits
    from grader.tools.gradescope_zip import setup_script

    plain = setup_script([kits.get("numpy_nets").PACKAGING])
    assert "pip install -q '/autograder/source'\n" in plain and "fashion" not in plain and "keras" not in plain
    keras = setup_script([kits.get("numpy_nets").PACKAGING, kits.get("keras").PACKAGING])
    assert "'/autograder/source[keras]'" in keras and "grade dataset --seed-keras-cache" in keras
    assert keras.index("dataset-fashion-mnist") < keras.index("python3 -m venv")
    assert keras.rstrip().endswith("chmod o-rwx /usr/share/datasets/fashion-mnist 2>/dev/null || true")
    for text in (plain, keras):
        assert subprocess.run(["bash", "-n"], input=text, text=True).returncode == 0

"""``grade gradescope-zip``: the autograder zip Gradescope's "Configure Autograder" page takes.

Gradescope unpacks it to ``/autograder/source``, runs ``setup.sh`` once while building
the image, then ``run_autograder`` for each submission (the student's files are in
``/autograder/submission``; results go to ``/autograder/results/results.json``). The zip
holds the grader, the hidden suites, the references and the config: it is as private as
this repository. Gradescope's containers run as root without ``CAP_SYS_ADMIN``, so the
sandbox runs in its fallback (a uid of the submission's own, no namespaces; the JSON says so),
where only permissions keep the course folder from student code: ``setup.sh`` removes the
others' access to it and to the data set, and ``grade`` checks that before any worker starts.
"""
from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

INCLUDE = ("pyproject.toml", "README.md", "grading.yml", "audit.yml", "grader", "tests", "reference")
SKIP = {"__pycache__", ".pytest_cache"}

SETUP = """#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder image.
set -euo pipefail
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv python3-pip
# Fashion-MNIST for the Keras lab (a06); without the package the grader downloads it once here.
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist || true
python3 -m venv /opt/dlgrader
/opt/dlgrader/bin/python -m pip install -q '/autograder/source[keras]'
/opt/dlgrader/bin/grade dataset --seed-keras-cache
# Without namespaces only permissions hide the hidden suites, references and data from student code
# (grade sets and checks them again before grading).
chmod -R o-rwx /autograder/source
chmod o-rwx /usr/share/datasets/fashion-mnist 2>/dev/null || true
"""

RUN = """#!/usr/bin/env bash
# Gradescope runs this for every submission. results.json is written atomically by grade.
cd /autograder/source
/opt/dlgrader/bin/grade /autograder/submission --config /autograder/source/grading.yml \\
    --format gradescope --no-cache -o /autograder/results/results.json
"""


def _add(zf: zipfile.ZipFile, name: str, data: bytes, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))  # reproducible archives
    info.external_attr = ((0o755 if executable else 0o644) | stat.S_IFREG) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def build(root: Path, out: Path) -> list[str]:
    """Write the zip; return the names it holds."""
    tmp = out.with_name(f".{out.name}.part")
    names: list[str] = []
    with zipfile.ZipFile(tmp, "w") as zf:
        _add(zf, "setup.sh", SETUP.encode(), executable=True)
        _add(zf, "run_autograder", RUN.encode(), executable=True)
        names += ["setup.sh", "run_autograder"]
        for item in INCLUDE:
            path = root / item
            if path.is_file():
                files = [path]
            else:
                files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
            for f in files:
                rel = f.relative_to(root)
                if SKIP & set(rel.parts):
                    continue
                _add(zf, str(rel), f.read_bytes())
                names.append(str(rel))
    os.replace(tmp, out)
    return names

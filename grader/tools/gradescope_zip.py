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

import shlex
import stat
import zipfile
from collections.abc import Sequence
from pathlib import Path

from grader.files import replacing
from grader.kits import Packaging

INCLUDE = ("pyproject.toml", "README.md", "grading.yml", "audit.yml", "grader", "tests", "reference")
SKIP = {"__pycache__", ".pytest_cache"}

VENV = "/opt/dlgrader"
SOURCE = "/autograder/source"


def setup_script(packaging: Sequence[Packaging] = ()) -> str:
    """Gradescope's ``setup.sh``: Python and the grader, with what the course's kits ask for
    (``kits.Packaging``: their extras, system packages, ``grade`` commands and folders to protect)."""
    extras = list(dict.fromkeys(p.extra for p in packaging if p.extra))
    source = f"{SOURCE}[{','.join(extras)}]" if extras else SOURCE
    lines = ["#!/usr/bin/env bash",
             "# Gradescope runs this once, as root, while it builds the autograder image.",
             "set -euo pipefail",
             "apt-get update -qq",
             "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv python3-pip",
             *(line for p in packaging for line in p.system),
             f"python3 -m venv {VENV}",
             f"{VENV}/bin/python -m pip install -q '{source}'",
             *(shlex.join([f"{VENV}/bin/grade", *args]) for p in packaging for args in p.grade),
             "# Without namespaces only permissions hide the hidden suites, references and data from student code",
             "# (grade sets and checks them again before grading).",
             f"chmod -R o-rwx {SOURCE}",
             *(line for p in packaging for line in p.protect)]
    return "\n".join(lines) + "\n"


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


def build(root: Path, out: Path, packaging: Sequence[Packaging] = ()) -> list[str]:
    """Write the zip, its ``setup.sh`` installing what ``packaging`` (the course's kits') asks; return
    the names it holds."""
    names: list[str] = []
    with replacing(out) as tmp, zipfile.ZipFile(tmp, "w") as zf:
        _add(zf, "setup.sh", setup_script(packaging).encode(), executable=True)
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
    return names

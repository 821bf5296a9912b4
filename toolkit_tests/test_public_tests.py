"""The public tests shipped in assignments/ pass on the reference and fail on the untouched stubs."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENTS = sorted(p.name for p in (ROOT / "assignments").iterdir() if p.is_dir())


def _run_public(tmp_path: Path, aid: str, source: str) -> subprocess.CompletedProcess:
    work = tmp_path / aid
    shutil.copytree(ROOT / "assignments" / aid, work, ignore=shutil.ignore_patterns("__pycache__"))
    if source == "reference":
        for f in (ROOT / "reference" / aid).glob("*.py"):
            shutil.copy(f, work / f.name)
    # Earlier assignments' modules are importable by name, as in a student's course repo.
    for other in ASSIGNMENTS:
        if other != aid:
            for f in (ROOT / source / other).glob("*.py"):
                if not f.name.startswith("test_") and not (work / f.name).exists():
                    shutil.copy(f, work / f.name)
    # An empty ini file of our own (pytest 9.2 refuses `-c /dev/null`): the toolkit's pyproject must not apply.
    ini = work.parent / f"{aid}-pytest.ini"
    ini.write_text("[pytest]\n", encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(ini),
                           "--rootdir", str(work), str(work)], cwd=work, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_public_tests_pass_on_reference(tmp_path, aid):
    r = _run_public(tmp_path, aid, "reference")
    assert r.returncode == 0, r.stdout[-3000:]


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_public_tests_fail_on_stubs(tmp_path, aid):
    r = _run_public(tmp_path, aid, "assignments")
    assert r.returncode == 1 and "NotImplementedError" in r.stdout, r.stdout[-3000:]

"""Every folder or zip of a class gets a row, named so that a spreadsheet and a roster can use it.

Found by trying (issue "hold against a determined student"): a folder whose name starts with
``_`` got no row at all, silently; a name starting with ``=``, ``+``, ``-`` or ``@`` went into
the CSV as a live formula; ``erin/`` and ``erin.zip`` both got the identifier ``erin``. The
cache key hashed names and contents with NUL separators and no lengths, so one crafted file
could collide with another student's tree and take that student's cached grade.
"""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import zipfile

import pytest

from corpus import ROOT
from grader.reporters.csv_report import spreadsheet_safe
from grader.results import SubmissionResult
from grader.run.cache import Cache
from grader.submissions.identity import identifiers


def _reference_a01(dest):
    shutil.copytree(ROOT / "reference" / "a01_perceptron", dest / "a01_perceptron",
                    ignore=shutil.ignore_patterns("__pycache__"))


@pytest.fixture(scope="module")
def odd_class(tmp_path_factory):
    root = tmp_path_factory.mktemp("odd") / "class"
    for name in ("_underscore", "=HYPERLINK(\"x\")", "-2+3", "@SUM(A1)", "erin"):
        _reference_a01(root / name)
    with zipfile.ZipFile(root / "erin.zip", "w") as zf:
        zf.writestr("erin/a01_perceptron/perceptron.py",
                    (ROOT / "reference" / "a01_perceptron" / "perceptron.py").read_text())
    (root / ".DS_Store").write_text("")
    (root / "roster.csv").write_text("not a submission")
    return root


def test_every_folder_and_zip_gets_a_row_and_skips_are_named(odd_class, tmp_path):
    out = tmp_path / "grades.csv"
    r = subprocess.run([sys.executable, "-m", "grader", str(odd_class), "-a", "a01_perceptron", "-f", "csv",
                        "-o", str(out), "--no-cache", "--jobs", "2"], cwd=ROOT, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    names = [row["identifier"] for row in rows]
    # Formula-looking names are neutralised with a leading apostrophe (OWASP: CSV injection).
    assert names == ["'-2+3", "'=HYPERLINK(\"x\")", "'@SUM(A1)", "_underscore", "erin", "erin.zip"]
    assert all(row["a01_perceptron"] == "20" for row in rows)
    assert "skipped" in r.stderr and ".DS_Store: hidden" in r.stderr
    assert "roster.csv: not a folder or a .zip" in r.stderr


def test_identifiers_are_unique():
    def res(path: str) -> SubmissionResult:
        return SubmissionResult(submission=path, score=0, max_score=0, execution_time=0, assignments=[])

    assert identifiers([res("c/erin"), res("c/erin.zip"), res("c/kim.zip")]) == ["erin", "erin.zip", "kim"]
    assert identifiers([res("a/erin"), res("b/erin")]) == ["a/erin", "b/erin"]


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_formula_cells_are_neutralised(text):
    assert spreadsheet_safe(text) == "'" + text
    assert spreadsheet_safe("kim_minji") == "kim_minji"


def test_cache_key_has_no_collisions_between_crafted_trees(real_config, tmp_path):
    """Names and contents used to be joined with NUL bytes: a single file whose content spells a
    second file (``x\\0b\\0y``) hashed like the two-file tree (``a`` = ``x``, ``b`` = ``y``)."""
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "a").write_bytes(b"x\0b\0y")
    (two / "a").write_bytes(b"x")
    (two / "b").write_bytes(b"y")
    cache = Cache(tmp_path / "cache")
    assert cache.key(one, real_config, None, "ko") != cache.key(two, real_config, None, "ko")
    # A zip and a folder are told apart too, and a key is stable.
    archive = tmp_path / "s.zip"
    archive.write_bytes(b"a")
    assert cache.key(archive, real_config, None, "ko") == cache.key(archive, real_config, None, "ko")

"""Zips are unpacked safely; copies never follow links out of the submission."""
from __future__ import annotations

import stat
import zipfile

import pytest

from grader.submissions import discovery


def _zip(path, entries):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            if isinstance(data, zipfile.ZipInfo):
                zf.writestr(data, "target")
            else:
                zf.writestr(name, data)
    return path


@pytest.mark.parametrize("name", ["../evil.py", "/abs/evil.py", "a/../../evil.py"])
def test_zip_entries_outside_skipped(tmp_path, name):
    archive = _zip(tmp_path / "s.zip", {"a.py": "x", name: "y"})
    root, skipped = discovery.extract_zip(archive, tmp_path / "out")
    assert (root / "a.py").read_text() == "x"
    assert len(skipped) == 1 and "outside the submission folder" in skipped[0]
    assert not (tmp_path / "evil.py").exists() and not list(tmp_path.rglob("evil.py"))


def test_zip_symlink_skipped(tmp_path):
    info = zipfile.ZipInfo("link.py")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    archive = _zip(tmp_path / "s.zip", {"link.py": info, "a.py": "x"})
    root, skipped = discovery.extract_zip(archive, tmp_path / "out")
    assert "symbolic link" in skipped[0] and not (root / "link.py").exists() and (root / "a.py").exists()


def test_zip_file_and_folder_of_one_name(tmp_path):
    """``x`` and ``x/y`` both as files (a crafted zip): one is skipped, nothing crashes."""
    archive = _zip(tmp_path / "s.zip", {"x": "file", "x/y": "inner", "a.py": "ok"})
    root, skipped = discovery.extract_zip(archive, tmp_path / "out")
    assert (root / "a.py").read_text() == "ok" and (root / "x").read_text() == "file"
    assert skipped == ["'x/y' (another entry has the same path)"]


def test_zip_bomb_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(discovery, "MAX_BYTES", 1000)
    archive = _zip(tmp_path / "s.zip", {"big.py": "0" * 5000})
    with pytest.raises(discovery.SubmissionError, match="MiB"):
        discovery.extract_zip(archive, tmp_path / "out")


def test_not_a_zip(tmp_path):
    bad = tmp_path / "s.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(discovery.SubmissionError, match="not a readable zip"):
        discovery.extract_zip(bad, tmp_path / "out")


def test_single_top_folder_is_the_root(tmp_path):
    archive = _zip(tmp_path / "s.zip", {"kim/a01_perceptron/perceptron.py": "x", "__MACOSX/._x": ""})
    root, skipped = discovery.extract_zip(archive, tmp_path / "out")
    assert root.name == "kim" and skipped == []


def test_copy_skips_links_out_and_dirs(tmp_path):
    outside = tmp_path / "secret.py"
    outside.write_text("secret")
    sub = tmp_path / "sub"
    (sub / "pkg").mkdir(parents=True)
    (sub / "ok.py").write_text("ok")
    (sub / "inside_link.py").symlink_to(sub / "ok.py")
    (sub / "out_link.py").symlink_to(outside)
    (sub / "dir_link").symlink_to(tmp_path)
    (sub / ".git").mkdir()
    (sub / ".git" / "config").write_text("x")
    report = discovery.safe_copy(sub, tmp_path / "copy")
    copy = tmp_path / "copy"
    assert (copy / "ok.py").read_text() == "ok"
    assert (copy / "inside_link.py").read_text() == "ok" and not (copy / "inside_link.py").is_symlink()
    assert not (copy / "out_link.py").exists() and not (copy / "dir_link").exists()
    assert not (copy / ".git").exists()
    assert set(report.skipped_links) == {"out_link.py", "dir_link"}

"""grader.files: a reader finds the old content or the new one, and a failed write leaves nothing behind."""
from __future__ import annotations

import pytest

from grader import files


def test_write_text_replaces_the_file_and_leaves_no_part(tmp_path):
    out = tmp_path / "grades.csv"
    out.write_text("old\n", encoding="utf-8")
    files.write_text(out, "새 성적\n")
    assert out.read_text(encoding="utf-8") == "새 성적\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grades.csv"]


def test_a_failed_write_keeps_the_previous_file(tmp_path):
    out = tmp_path / "grades.csv"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), files.replacing(out) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("the writer failed midway")
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grades.csv"]


def test_two_writers_never_share_a_temporary_file(tmp_path):
    import threading

    names: list[str] = []
    both = threading.Barrier(2)  # both alive at once: a finished thread's identifier may be reused

    def write() -> None:
        names.append(files.part_path(tmp_path / "key.json").name)
        both.wait(timeout=10)
    threads = [threading.Thread(target=write) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(names)) == 2 and all(n.startswith(".key.json.") and n.endswith(".part") for n in names)

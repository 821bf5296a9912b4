"""Stop means stop, and a class run survives its faults.

Each test fails if the property breaks:

* ``grade`` ended by SIGINT, SIGTERM, SIGHUP or SIGKILL during an a06 training leaves no
  process behind (oracle, zygote, workers, the namespace's init, the trainer, anything of the
  sandbox uid) within 10 s, writes no report, and says it was stopped; a rerun grades in full.
* A class run SIGKILLed part-way keeps what it finished in the cache; the rerun reuses it and
  writes the gradebook an uninterrupted run writes, byte for byte.
* Two runs of one class on one cache at once write identical, correct gradebooks.
* A full file system under the report: one clear line, exit 2, the previous gradebook intact;
  under the cache: grading goes on, with one warning line.
* An oracle or a trainer killed mid-assignment (the OOM killer, an operator) makes that
  submission's assignments a grader problem, never a grade, and the rest of the class is graded.

The a06 runs use a short training (8 epochs, accuracy bar 0.5) and no training cache, so the
trainer really trains when the signal arrives.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from corpus import NUMPY_ONLY, ROOT, is_root
from proctree import descendants, wait_until
from proctree import table as process_table

GRADE = [sys.executable, "-m", "grader"]
pytestmark = pytest.mark.slow


# ----------------------------------------------------------------- processes
def alive(pids) -> list[str]:
    """Those of ``pids`` still running (zombies are reaped here when they are ours, else ignored)."""
    table = process_table()
    left = []
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)  # orphans of a killed grade are reparented to this subreaper
        except ChildProcessError:
            pass
        if pid in table:
            left.append(f"{pid}: {table[pid][1][:120]}")
    return left


def training_trainer(root: int) -> int | None:
    """The trainer under ``root`` once it has used 12 s of CPU: TensorFlow's import and the data take
    about 6, so by then it is training."""
    table = process_table()
    for pid, cmd in descendants(root).items():
        if "grader.kits.keras.trainer" in cmd and table.get(pid, (0, "", 0.0))[2] >= 12:
            return pid
    return None


def sandbox_processes(cfg_uids: tuple[int, int]) -> list[str]:
    from test_corpus import _leftovers

    return [x for x in _leftovers(*cfg_uids) if x.startswith("process")]


# ----------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def short_lab(tmp_path_factory):
    """A course config whose a06 trains 8 epochs without the training cache, and a reference copy
    with EPOCHS = 8 (so it keeps full marks). Long enough that a signal sent once the trainer is
    training (see :func:`training_trainer`) always lands before the training ends: with 3 epochs,
    one CI run sent it just after, and the completed report was written."""
    base = tmp_path_factory.mktemp("short")
    data = yaml.safe_load((ROOT / "grading.yml").read_text(encoding="utf-8"))
    lab = data["assignments"]["a06_fashion_mnist"]
    lab["params"].update(epochs=8, min_test_accuracy=0.5, zero_credit_accuracy=0.3)
    lab["training"]["cache"] = False
    cfg = base / "grading.yml"
    cfg.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for name in ("tests", "reference"):
        (base / name).symlink_to(ROOT / name)
    sub = base / "submissions" / "kim"
    shutil.copytree(ROOT / "reference", sub, ignore=shutil.ignore_patterns("__pycache__"))
    lab_file = sub / "a06_fashion_mnist" / "fashion_mnist_lab.py"
    lab_file.write_text(lab_file.read_text().replace("EPOCHS = 10", "EPOCHS = 8"))
    return cfg, sub


def _interruptible() -> None:
    """In the child before exec: SIGINT back to its default. A shell starts a background job
    (``pytest ... &``) with SIGINT ignored, every child inherits that, and Python then rightly leaves
    Ctrl-C ignored, as ``nohup`` users expect; ``grade`` would finish its report and the SIGINT case
    would fail for a reason that is the test's, not the grader's."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(args: list[str], tmp_path: Path) -> subprocess.Popen:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    return subprocess.Popen(GRADE + args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, preexec_fn=_interruptible)


# ----------------------------------------------------------------- signals during a06 training
@pytest.mark.skipif(not shutil.which("true"), reason="needs a POSIX system")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL],
                         ids=lambda s: signal.Signals(s).name)
def test_a_signal_during_training_leaves_nothing_behind(short_lab, tmp_path, real_config, sig):
    cfg, sub = short_lab
    out = tmp_path / "grades.json"
    proc = _start([str(sub), "-a", "a01_perceptron", "-a", "a06_fashion_mnist", "--config", str(cfg),
                   "-f", "json", "-o", str(out), "--no-cache", "--no-plots"], tmp_path)
    try:
        wait_until(lambda: training_trainer(proc.pid), 240, "the trainer to be training")
        tree = descendants(proc.pid)
        assert any("[dlgrader-oracle]" in c for c in tree.values())
        assert any("[dlgrader-zygote]" in c for c in tree.values())
        os.kill(proc.pid, sig)  # grade alone, as timeout(1), systemd or a CI runner would
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    deadline = time.monotonic() + 10
    while alive(tree) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive(tree), f"still running 10 s after {signal.Signals(sig).name}: {alive(tree)}"
    if is_root():
        assert not sandbox_processes(real_config.sandbox_uids)
    assert not out.exists() and not list(tmp_path.glob(".*.part"))
    if sig == signal.SIGKILL:
        assert proc.returncode == -sig
    else:
        assert proc.returncode == 128 + sig
        assert f"stopped by {signal.Signals(sig).name}" in stderr and "no report written" in stderr


def test_rerun_after_a_stop_grades_in_full(short_lab, tmp_path):
    cfg, sub = short_lab
    out = tmp_path / "grades.json"
    proc = _start([str(sub), "-a", "a01_perceptron", "-a", "a06_fashion_mnist", "--config", str(cfg),
                   "-f", "json", "-o", str(out), "--no-plots"], tmp_path)
    wait_until(lambda: training_trainer(proc.pid), 240, "the trainer to be training")
    os.kill(proc.pid, signal.SIGTERM)
    proc.communicate(timeout=60)
    again = _start([str(sub), "-a", "a01_perceptron", "-a", "a06_fashion_mnist", "--config", str(cfg),
                    "-f", "json", "-o", str(out), "--no-plots"], tmp_path)
    _, stderr = again.communicate(timeout=600)
    assert again.returncode == 0, stderr[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["score"] == result["max_score"] == 40 and not result["grader_errors"]


# ----------------------------------------------------------------- class runs
def _class(root: Path, n: int) -> Path:
    """``n`` distinct a01-a05 submissions (the reference, each with a comment of its own)."""
    klass = root / "class"
    for i in range(n):
        sub = klass / f"s{i:03d}"
        shutil.copytree(ROOT / "reference", sub, ignore=shutil.ignore_patterns("__pycache__", "a06_fashion_mnist"))
        f = sub / "a01_perceptron" / "perceptron.py"
        f.write_text(f.read_text() + f"\n# student {i}\n")
    return klass


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    return _class(tmp_path_factory.mktemp("klass"), 12)


@pytest.fixture(scope="module")
def clean_gradebook(klass, tmp_path_factory):
    out = tmp_path_factory.mktemp("clean") / "grades.csv"
    r = subprocess.run([*GRADE, str(klass), *NUMPY_ONLY, "-f", "csv", "-o", str(out), "--no-cache", "--jobs", "2"],
                       cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-2000:]
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 12 and all(row["total"] == "123" for row in rows)
    return out.read_bytes()


def test_sigkill_of_a_class_run_and_the_rerun(klass, clean_gradebook, tmp_path, real_config):
    cache = tmp_path / "cache"
    out = tmp_path / "grades.csv"
    args = [str(klass), *NUMPY_ONLY, "-f", "csv", "-o", str(out), "--cache-dir", str(cache), "--jobs", "2"]
    proc = _start(args, tmp_path)
    wait_until(lambda: len(list(cache.glob("*.json"))) >= 5, 600, "five results in the cache")
    tree = descendants(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while alive(tree) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive(tree), alive(tree)
    if is_root():
        assert not sandbox_processes(real_config.sandbox_uids)
    assert not out.exists()
    kept = len(list(cache.glob("*.json")))
    assert 5 <= kept < 12
    rerun = subprocess.run(GRADE + args, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"({kept} unchanged, from the cache)" in rerun.stderr
    assert out.read_bytes() == clean_gradebook


def test_two_runs_on_one_cache_at_once(klass, clean_gradebook, tmp_path):
    cache = tmp_path / "cache"
    outs = [tmp_path / "a.csv", tmp_path / "b.csv"]
    procs = [subprocess.Popen([*GRADE, str(klass), *NUMPY_ONLY, "-f", "csv", "-o", str(o), "--cache-dir", str(cache),
                                       "--jobs", "1"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for o in outs]
    for p in procs:
        _, err = p.communicate(timeout=900)
        assert p.returncode == 0, err[-2000:]
    assert outs[0].read_bytes() == outs[1].read_bytes() == clean_gradebook


# ----------------------------------------------------------------- a full file system
@pytest.fixture
def tiny_fs(tmp_path):
    """A 1 MiB tmpfs (root only), unmounted afterwards."""
    if not is_root():
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "full"
    mount.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)


def test_full_disk_under_the_report_keeps_the_previous_gradebook(klass, tiny_fs):
    out = tiny_fs / "grades.csv"
    one = [str(klass / "s000"), *NUMPY_ONLY, "-f", "csv", "--no-cache"]
    first = subprocess.run(GRADE + one + ["-o", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr[-2000:]
    before = out.read_bytes()
    _fill(tiny_fs)
    again = subprocess.run(GRADE + one + ["-o", str(out), "--language", "en"], cwd=ROOT, capture_output=True,
                           text=True, timeout=300)
    assert again.returncode == 2
    lines = [ln for ln in again.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "cannot write report" in lines[0] and "No space left" in lines[0], again.stderr
    assert out.read_bytes() == before and not list(tiny_fs.glob(".*.part"))


def test_full_disk_under_the_cache_still_grades(klass, tiny_fs, tmp_path):
    _fill(tiny_fs)
    out = tmp_path / "grades.csv"
    r = subprocess.run([*GRADE, str(klass / "s000"), *NUMPY_ONLY, "-f", "csv", "-o", str(out),
                                "--cache-dir", str(tiny_fs / "cache")], cwd=ROOT, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "123" in out.read_text(encoding="utf-8-sig")
    warnings = [ln for ln in r.stderr.splitlines() if "cache" in ln]
    assert len(warnings) == 1 and "not written" in warnings[0] and "No space left" in warnings[0], r.stderr


# ----------------------------------------------------------------- killed grader processes
def test_an_oracle_killed_mid_run_is_a_grader_problem(klass, tmp_path):
    out = tmp_path / "grades.json"
    three = tmp_path / "three"
    three.mkdir()
    for name in ("s000", "s001", "s002"):
        shutil.copytree(klass / name, three / name)
    proc = _start([str(three), *NUMPY_ONLY, "-f", "json", "-o", str(out), "--cache-dir", str(tmp_path / "cache"),
                   "--jobs", "1"], tmp_path)
    oracle = wait_until(lambda: next((p for p, c in descendants(proc.pid).items() if "[dlgrader-oracle]" in c),
                                     None),
                        120, "an oracle")
    os.kill(oracle, signal.SIGKILL)
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 3, stderr[-2000:]  # a grader problem: the grade is not final
    data = json.loads(out.read_text(encoding="utf-8"))
    hit = [d for d in data if d["grader_errors"]]
    assert len(hit) == 1 and "killed by SIGKILL" in " ".join(hit[0]["grader_errors"])
    assert all(a["status"] == "grader_error" and a["score"] is None for a in hit[0]["assignments"])
    assert hit[0]["score"] is None
    assert all(d["score"] == 123 for d in data if not d["grader_errors"]) and len(data) == 3
    assert "1 hit a grader problem" in stderr


def test_a_warm_server_killed_mid_run_costs_only_its_submission(klass, tmp_path):
    """The warm oracle's server (grade's child) killed while one of its oracles grades: that oracle
    follows it (its death signal), its submission is a grader problem, the next submission gets a new
    server, and a rerun on the same cache regrades only the one that was hit."""
    out = tmp_path / "grades.json"
    three = tmp_path / "three"
    three.mkdir()
    for name in ("s000", "s001", "s002"):
        shutil.copytree(klass / name, three / name)
    args = [str(three), *NUMPY_ONLY, "-f", "json", "-o", str(out), "--cache-dir", str(tmp_path / "cache"),
            "--jobs", "1"]
    proc = _start(args, tmp_path)

    def server_with_an_oracle() -> int | None:
        tree = descendants(proc.pid)
        table = process_table()
        for pid, cmd in tree.items():
            if "[dlgrader-warm]" in cmd and table.get(pid, (0,))[0] == proc.pid and \
                    any("[dlgrader-oracle]" in c and table.get(p, (0,))[0] == pid for p, c in tree.items()):
                return pid
        return None

    server = wait_until(server_with_an_oracle, 120, "a warm server with an oracle running")
    os.kill(server, signal.SIGKILL)
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 3, stderr[-2000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    hit = [d for d in data if d["grader_errors"]]
    assert len(hit) == 1 and hit[0]["score"] is None, [d["grader_errors"] for d in data]
    assert all(d["score"] == 123 for d in data if not d["grader_errors"]) and len(data) == 3
    rerun = subprocess.run(GRADE + args, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert "(2 unchanged, from the cache)" in rerun.stderr
    assert all(d["score"] == 123 for d in json.loads(out.read_text(encoding="utf-8")))


def test_a_trainer_killed_mid_training_is_a_grader_problem(short_lab, tmp_path):
    cfg, sub = short_lab
    out = tmp_path / "grades.json"
    proc = _start([str(sub), "-a", "a01_perceptron", "-a", "a06_fashion_mnist", "--config", str(cfg),
                   "-f", "json", "-o", str(out), "--no-cache", "--no-plots"], tmp_path)
    trainer = wait_until(lambda: training_trainer(proc.pid), 240, "the trainer to be training")
    os.kill(trainer, signal.SIGKILL)
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 3, stderr[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    a01 = next(a for a in result["assignments"] if a["id"] == "a01_perceptron")
    a06 = next(a for a in result["assignments"] if a["id"] == "a06_fashion_mnist")
    assert a01["score"] == 20 and a06["status"] == "grader_error" and a06["score"] is None
    assert any("test_test_accuracy" in e and "SIGKILL" in e for e in result["grader_errors"]), result["grader_errors"]

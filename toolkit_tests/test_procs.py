"""Waiting for the grader's own children, and the thread settings each process gets.

A class run's throughput depends on noticing at once that an oracle or a worker
ended (the benchmark, benchmarks/bench_batch.py, measures that); these tests pin
the behaviour: the wait returns when the child ends, and gives up at its limit.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from grader import config
from grader.kits.keras.client import trainer_env
from grader.run import engine
from grader.sandbox.procs import ONE_THREAD_ENV, wait_exit
from grader.sandbox.waits import wait_pid

ROOT = Path(__file__).resolve().parent.parent


def _sleeper(seconds: float, code: int = 0) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", f"import sys, time; time.sleep({seconds}); sys.exit({code})"])


def test_wait_exit_reaps_a_child_that_ends():
    proc = _sleeper(0.1, code=3)
    assert wait_exit(proc, 30) is True
    assert proc.returncode == 3


def test_wait_exit_gives_up_at_its_limit_and_leaves_the_child_running():
    proc = _sleeper(30)
    try:
        assert wait_exit(proc, 0.2) is False
        assert proc.poll() is None
    finally:
        proc.kill()
        proc.wait()


def test_wait_pid_reports_exit_codes_and_limits():
    done = _sleeper(0.1, code=7)
    assert wait_pid(done.pid, 30) == 7
    running = _sleeper(30)
    try:
        assert wait_pid(running.pid, 0.2) is None  # still running: the oracle kills it next
        os.kill(running.pid, signal.SIGKILL)
        assert wait_pid(running.pid, 30) == -signal.SIGKILL
    finally:
        running.returncode = 0  # reaped above; keep Popen from waiting on a pid that is gone
    assert wait_pid(os.getpid(), 0.1) is None  # not a child


def test_oracle_gets_one_blas_thread_and_the_trainer_gets_the_machine(monkeypatch):
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "8")
    monkeypatch.setenv("OMP_NUM_THREADS", "8")
    env = engine._oracle_env(Path("/tmp"), config.load(ROOT / "grading.yml"))
    assert {k: env[k] for k in ONE_THREAD_ENV} == ONE_THREAD_ENV
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "1")  # as inside the oracle
    monkeypatch.setenv("MKL_NUM_THREADS", "1")
    assert not set(ONE_THREAD_ENV) & set(trainer_env())
    assert trainer_env()["PATH"] == os.environ["PATH"]

"""The oracle's side of the trusted Keras trainer (see :mod:`grader.kits.keras.trainer`).

:meth:`Trainer.start` launches ``python -I -m grader.kits.keras.trainer`` at once, so its
TensorFlow import and data loading overlap the student's ``build_model()`` in
the sandboxed worker. Replies are JSON lines read by a thread; every wait has a
deadline, and :meth:`Trainer.close` kills the trainer's whole process group.
"""
from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from typing import Any

from grader.kits.keras.trainer import over_memory
from grader.sandbox.procs import LIVE_WORKERS, ONE_THREAD_ENV


class TrainerFailed(Exception):
    """The trainer could not do what was asked; ``code`` says why (no_gpu, no_data, timeout, ...)."""

    def __init__(self, code: str, message: str, payload: dict | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code, self.message, self.payload = code, message, payload or {}


def trainer_env() -> dict[str, str]:
    """The oracle's environment without its one-thread settings: training uses the machine's cores."""
    return {k: v for k, v in os.environ.items() if k not in ONE_THREAD_ENV}


def resident_mb(pid: int) -> float:
    """A process's resident memory (VmRSS) in MiB; 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


class Trainer:
    """One trainer process. A watchdog thread kills it when its resident memory passes ``memory_mb``:
    an address-space limit does not work for TensorFlow and CUDA, which reserve far more than they use,
    so the bound is on what it really holds (checked every 0.1 s). The trainer also limits its own
    private memory to ``memory_mb`` on the CPU (``trainer._limit_data``), which a spike between two
    checks cannot pass."""

    def __init__(self, proc: subprocess.Popen, log_path: str, memory_mb: float = 0) -> None:
        self.proc, self.log_path, self.memory_mb = proc, log_path, memory_mb
        self.replies: queue.Queue[dict | None] = queue.Queue()
        self.info: dict[str, Any] = {}
        self.peak_mb = 0.0
        self.over_memory = False
        threading.Thread(target=self._read, daemon=True).start()
        if memory_mb:
            threading.Thread(target=self._watch_memory, daemon=True).start()

    @classmethod
    def start(cls, settings: Mapping[str, Any]) -> Trainer:
        """Launch a trainer with grading.yml's ``training`` settings (device, backend, dataset_dir, memory_mb)."""
        cmd = [sys.executable, "-I", "-m", "grader.kits.keras.trainer",
               "--backend", str(settings.get("backend", "tensorflow")),
               "--device", str(settings.get("device", "auto")), "--parent", str(os.getpid())]
        if settings.get("dataset"):
            cmd += ["--dataset", str(settings["dataset"])]
        if settings.get("dataset_dir"):
            cmd += ["--dataset-dir", str(settings["dataset_dir"])]
        if settings.get("memory_mb"):
            cmd += ["--memory-mb", str(int(settings["memory_mb"]))]
        # The child writes its stderr into the log; the file stays (delete=False) for the reports to read.
        with tempfile.NamedTemporaryFile(prefix="dlgrader-trainer-", suffix=".log", delete=False) as log:
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                    start_new_session=True, text=True, env=trainer_env())
        LIVE_WORKERS.add(proc.pid)  # a live grader child: the oracle's orphan sweep must spare it
        return cls(proc, log.name, float(settings.get("memory_mb") or 0))

    def _watch_memory(self) -> None:
        while self.proc.poll() is None:
            rss = resident_mb(self.proc.pid)
            self.peak_mb = max(self.peak_mb, rss)
            if rss > self.memory_mb:
                self.over_memory = True
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except OSError:
                    pass
                return
            time.sleep(0.1)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            try:
                self.replies.put(json.loads(line))
            except ValueError:
                continue  # not a protocol line
        self.replies.put(None)

    def _next(self, deadline: float, waiting_for: str) -> dict:
        try:
            reply = self.replies.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            self.close()
            raise TrainerFailed("timeout", f"no answer while {waiting_for}") from None
        if reply is None:
            code = self.proc.wait()
            if self.over_memory:
                raise TrainerFailed("memory", over_memory(self.memory_mb, waiting_for))
            how = f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"
            if self.memory_mb:  # its own data limit makes an allocation fail, sometimes as an abort
                how += f"; peak resident memory {self.peak_mb:.0f} of its {self.memory_mb:g} MiB"
            raise TrainerFailed("crashed", f"the trainer process ended ({how}) while {waiting_for}: "
                                           f"{self.log_tail()}")
        if "fatal" in reply:
            raise TrainerFailed(reply["fatal"].get("code", "fatal"), reply["fatal"].get("message", ""))
        if "error" in reply:
            err = reply["error"]
            raise TrainerFailed(err.get("code", "error"), err.get("message", err.get("en", "")), err)
        return reply

    def ready(self, timeout: float) -> dict:
        if not self.info:
            self.info = self._next(time.monotonic() + timeout, "starting")["ready"]
        return self.info

    def submit(self, model_path: str, request: Mapping[str, Any]) -> None:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps({"model": model_path, **request}) + "\n")
            self.proc.stdin.flush()
        except OSError:
            raise TrainerFailed("crashed", f"the trainer process is gone: {self.log_tail()}") from None

    def loaded(self, timeout: float) -> dict:
        return self._next(time.monotonic() + timeout, "loading the model")["loaded"]

    def result(self, timeout: float) -> dict:
        return self._next(time.monotonic() + timeout, "training")["result"]

    def log_tail(self, lines: int = 5) -> str:
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return " | ".join(f.read().strip().splitlines()[-lines:])[-1000:]
        except OSError:
            return ""

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()
        LIVE_WORKERS.discard(self.proc.pid)
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        try:
            os.unlink(self.log_path)
        except OSError:
            pass

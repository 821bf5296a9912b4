"""The sandbox backend of today: a fork server (zygote) per oracle, a worker per assignment forked from it.

It implements :class:`grader.sandbox.backend.SandboxBackend` with :class:`grader.sandbox.zygote.Zygote`
(started once, numpy imported once) and :class:`grader.sandbox.proxy.Worker` (one assignment's
restartable connection). Without namespaces (as root) no tmpfs caps a worker's copy of the submission,
so it watches their size instead; ending everything at once kills the process groups in
``procs.LIVE_WORKERS`` (the zygote's and the kits' trainers') and sweeps the submission's uid.
"""
from __future__ import annotations

import os
import signal
import threading

from grader.sandbox.backend import WorkerSpec
from grader.sandbox.procs import LIVE_WORKERS, sweep_orphans
from grader.sandbox.proxy import Worker
from grader.sandbox.zygote import Zygote


class ZygoteBackend:
    """``cwd``: the zygote's folder (the oracle's scratch); ``env``: the kits' ``WORKER_ENV``;
    ``worker_ops``: each kit's worker-operation module by kit name, imported by the zygote before any
    isolation."""

    def __init__(self, cwd: str, env: dict[str, str], worker_ops: dict[str, str]) -> None:
        self.cwd, self.env, self.worker_ops = cwd, env, worker_ops
        self.zygote: Zygote | None = None
        self.workers: list[Worker] = []
        self.uids: set[int] = set()
        self.closing = threading.Event()
        self.watching = False

    def start(self) -> None:
        if self.zygote is None:
            self.zygote = Zygote(self.cwd, self.env, self.worker_ops)

    def worker(self, spec: WorkerSpec) -> Worker:
        self.start()
        assert self.zygote is not None
        policy = spec.policy
        if policy.uid is not None:
            self.uids.add(policy.uid)
        if not policy.namespaces and os.geteuid() == 0 and not self.watching:
            # No tmpfs caps the copies without namespaces: measure them instead (RLIMIT_FSIZE caps a file).
            self.watching = True
            threading.Thread(target=self._watch_disk, daemon=True).start()
        worker = Worker(self.zygote, spec.source, list(spec.paths), policy, call_timeout=spec.call_timeout,
                        time_limit=spec.time_limit, scratch=spec.scratch)
        self.workers.append(worker)
        return worker

    def _watch_disk(self) -> None:
        while not self.closing.wait(0.25):
            for worker in list(self.workers):
                worker.check_disk()

    def close(self) -> None:
        self.closing.set()
        for worker in self.workers:
            worker.close()
        self.workers.clear()
        if self.zygote is not None:
            self.zygote.close()
            self.zygote = None
        sweep_orphans()

    def kill(self) -> None:
        """The zygote's and the trainers' process groups (their children die with them), then whatever
        still runs as the submission's uid (without namespaces a student's process can leave its tree)."""
        for pid in list(LIVE_WORKERS):
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
        if self.uids:
            from grader.sandbox import uids

            for uid in self.uids:
                uids.sweep(uid)

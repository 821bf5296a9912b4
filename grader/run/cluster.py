"""Grading a class on a Dask cluster (``grade CLASS --cluster tcp://127.0.0.1:PORT | tls://HOST:PORT | slurm | ssh``).

Each submission is a task on a Dask worker that runs today's engine and sandbox there
(:func:`grade_task`: :func:`grader.run.engine.grade`, with the worker process's own warm oracle),
so a worker slot is what a ``--jobs`` slot is on one machine. The driver (``grade``) keeps
everything else: finding the submissions, the results cache, deadlines, the roster, the reports.

Decided:

* **Nothing a student can influence is unpickled on the driver**: a task takes and returns JSON text
  (:func:`grader.results.checked` checks every field's type before the result is used). Dask
  itself moves that text, a ``str``, between trusted grader processes.
* **Plain TCP on loopback only** (:func:`_security`): whoever reaches a Dask scheduler runs code on
  its workers, so a scheduler on another machine is reached over ``tls://`` with grading.yml's
  ``cluster.tls`` files; ``--cluster slurm`` (:mod:`grader.run.slurm`) and ``--cluster ssh``
  (:mod:`grader.run.ssh`) start their scheduler and workers speaking TLS only.
* **Same paths everywhere**: a task names the course's ``grading.yml`` and the submission by path, so
  the workers see the driver's files at the same paths. The sandbox's set-up that ``grade`` does
  before grading (hiding the course by permissions, the data sets) is done on the driver's machine.
* **A worker that dies** costs its running submission a grader problem (no score, not cached, so a
  rerun regrades exactly those), provided the scheduler does not hand the task to another worker:
  run it with ``distributed.scheduler.allowed-failures: 0`` (the toolkit's tests do), else Dask
  retries the task elsewhere, which grades it all the same.
* **A lost scheduler** ends the run with one line and no gradebook (:class:`ClusterLost`).
* **Ctrl-C or SIGTERM** of ``grade`` cancels every task it submitted (:meth:`Cluster.stop`).
"""
from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from grader import config as config_mod
from grader.config import ClusterSettings, TlsFiles
from grader.messages import Language
from grader.results import SubmissionResult, checked
from grader.run import engine, slurm, ssh, warm
from grader.run.tls import client_security


class ClusterError(RuntimeError):
    """The cluster cannot be used: ``distributed`` missing, no scheduler at the address."""


class ClusterLost(ClusterError):
    """The scheduler went away during the run."""


INSTALL = "grade --cluster needs Dask's distributed package: pip install 'dlgrader[cluster]'"


class Cluster:
    """A connection to a Dask scheduler, used by :func:`grader.run.batch.grade_many` for each submission."""

    def __init__(self, address: str, settings: ClusterSettings | None = None, timeout: float = 10.0,
                 network_namespace: bool = True) -> None:
        """``network_namespace``: whether student code runs without a network here (the sandbox's
        namespaces; without them, in a container as root, it reaches loopback: see :func:`_security`)."""
        settings = settings or ClusterSettings()
        try:
            from distributed import Client
        except ImportError:
            raise ClusterError(INSTALL) from None
        self._started: Any = None  # the Slurm or SSH cluster this run started, closed with it
        self._slots: int | None = None
        self.kind = address if address in ("slurm", "ssh") else "scheduler"  # who started the scheduler
        if address in ("slurm", "ssh"):
            try:
                self._started = (slurm.start(settings.slurm) if address == "slurm"
                                 else ssh.start(settings.ssh, settings.tls))
            except (slurm.SlurmUnavailable, ssh.SshUnavailable) as exc:
                raise ClusterError(str(exc)) from None
            self._slots = slurm.slots(settings.slurm) if address == "slurm" else ssh.slots(settings.ssh)
            address, security = self._started.scheduler_address, self._started.security
        else:
            security = _security(address, settings.tls)
            if security is None and not network_namespace:
                raise ClusterError(f"--cluster {address}: without the sandbox's namespaces (a container, or "
                                   "sandbox.namespaces: false) a student's code can reach this machine's network, and "
                                   "through a plain-TCP scheduler run code as the workers' user; use tls:// with "
                                   "cluster.tls in grading.yml (docs/cluster.md)")
        try:
            self.client: Any = Client(address, timeout=timeout, set_as_default=False, security=security)
        except OSError as exc:
            self._close_started()
            raise ClusterError(f"no Dask scheduler answered at {address} ({exc})") from None
        self.address = address
        self.run_id = _token(address)  # this grade run's tasks, for stop() to find on the workers
        self._futures: set[Any] = set()
        self._lock = threading.Lock()
        if self.kind == "slurm":
            self._wait_for_a_job(settings.slurm.start_timeout)
        self.resources = self._resources(settings)

    def _resources(self, settings: ClusterSettings) -> list[str]:
        """The worker resources the cluster offers (``GPU``: a Keras training of a submission graded on
        a worker without one is a task of its own on a worker with one, :mod:`grader.kits.keras.remote`).
        Read when the run starts; a Slurm run's jobs all have grading.yml's GPUs."""
        names: set[str] = {"GPU"} if self.kind == "slurm" and settings.slurm.gpus_per_job else set()
        try:
            workers = self.client.scheduler_info(n_workers=-1).get("workers", {})
        except Exception:  # noqa: BLE001 - none known: trainings stay where their submission is graded
            workers = {}
        for worker in workers.values():
            names.update(str(name) for name in (worker.get("resources") or {}))
        return sorted(names)

    def _wait_for_a_job(self, seconds: float) -> None:
        """Slurm may queue the jobs: wait for the first worker, else end with where to look."""
        try:
            self.client.wait_for_workers(1, timeout=seconds)
        except Exception:  # noqa: BLE001 - dask's TimeoutError (its type differs between versions)
            self.close()
            logs = slurm.private_folder() / "logs"
            raise ClusterError(f"--cluster slurm: no Slurm job started a worker within {seconds:g} s (squeue -n "
                               f"dlgrader shows the jobs; their logs are in {logs})") from None

    def allowed_failures(self) -> int | None:
        """The scheduler's ``distributed.scheduler.allowed-failures`` (None if it cannot be read):
        how often it hands a task whose worker died to another worker."""
        try:
            value = self.client.run_on_scheduler(_allowed_failures)
        except Exception:  # noqa: BLE001 - a scheduler that refuses to run it: unknown
            return None
        return int(value) if isinstance(value, int) else None

    def slots(self) -> int:
        """Submissions graded at once: every worker's threads (on Slurm, every job's cores)."""
        if self._slots is not None:
            return self._slots
        workers = self.client.scheduler_info(n_workers=-1).get("workers", {})
        return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))

    def grade(self, path: Path, cfg: config_mod.Config, only: list[str] | None, language: Language,
              shown_as: str, hide_also: list[str] | tuple[str, ...]) -> SubmissionResult:
        """Grade one submission on a worker; raises what the engine would, or :class:`ClusterLost`."""
        request = json.dumps({"run": self.run_id, "config": str(cfg.path), "root": str(cfg.root),
                              "path": str(path.resolve()),
                              "only": only, "language": language, "shown_as": shown_as,
                              "hide_also": list(hide_also), "resources": self.resources})
        future = self.client.submit(grade_task, request, pure=False, key=f"grade-{_token(shown_as)}")
        with self._lock:
            self._futures.add(future)
        try:
            text = future.result()
        except Exception as exc:  # noqa: BLE001 - whatever Dask raises: the task's, the worker's, the scheduler's
            if engine.stopping():
                raise engine.Stopped() from None
            if self.client.status != "running":
                raise ClusterLost(f"the Dask scheduler at {self.address} is gone ({type(exc).__name__})") from None
            raise RuntimeError(f"on the cluster: {type(exc).__name__}: {str(exc)[:500]}") from None
        finally:
            with self._lock:
                self._futures.discard(future)
        if not isinstance(text, str):
            raise RuntimeError("the cluster's worker returned no result text")
        answer = json.loads(text)
        if "usage_error" in answer:
            raise engine.UsageError(str(answer["usage_error"]))
        return checked(answer["result"])

    def stop(self) -> None:
        """``grade`` is stopping: cancel every task still waiting, and end the oracles of those
        already running (Dask cannot interrupt a running task: each worker running one of this
        run's tasks ends its oracles, as ``grade`` does its own on one machine)."""
        with self._lock:
            futures = list(self._futures)
        if futures:
            try:
                self.client.cancel(futures, force=True)
                self.client.run(_stop_run, self.run_id, wait=True)
            except Exception:  # noqa: BLE001 - stopping: a scheduler already gone has nothing to cancel
                pass

    def close(self) -> None:
        try:
            self.client.close(timeout=10)
        except Exception:  # noqa: BLE001 - closing after the scheduler went away
            pass
        self._close_started()

    def _close_started(self) -> None:
        """End what this run started: its Slurm jobs (scancel) or its processes on the SSH hosts, and
        the scheduler."""
        if self._started is not None:
            try:
                self._started.close(timeout=30)
            except Exception:  # noqa: BLE001 - the jobs may be gone already
                pass
            self._started = None


def _allowed_failures() -> object:
    import dask

    return dask.config.get("distributed.scheduler.allowed-failures", None)


def _security(address: str, tls: TlsFiles | None) -> Any:
    """The ``distributed.security.Security`` to reach ``address`` with (None: plain TCP on loopback).
    Whoever can reach a Dask scheduler can run code on its workers, and plain TCP between machines can
    be read and forged on the way: a scheduler off this machine needs ``tls://`` and grading.yml's
    ``cluster.tls`` (its workers and scheduler started with certificates from the same authority)."""
    import ipaddress
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    host = parts.hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if parts.port is None or parts.scheme not in ("tcp", "tls"):
        raise ClusterError(f"--cluster {address}: expected tcp://127.0.0.1:PORT (this machine), tls://HOST:PORT "
                           "(with cluster.tls in grading.yml), slurm or ssh (docs/cluster.md)")
    if parts.scheme == "tcp":
        if loopback:
            return None
        raise ClusterError(f"--cluster {address}: plain TCP is only for a scheduler on this machine "
                           f"(tcp://127.0.0.1:PORT); between machines use tls://{host}:{parts.port} with "
                           "cluster.tls in grading.yml (docs/cluster.md)")
    if tls is None:
        raise ClusterError(f"--cluster {address}: grading.yml has no cluster.tls (ca_file, cert, key) to speak TLS "
                           "with (docs/cluster.md)")
    for name, file in (("ca_file", tls.ca_file), ("cert", tls.cert), ("key", tls.key)):
        if not file.is_file():
            raise ClusterError(f"--cluster {address}: cluster.tls.{name}: no file at {file}")
    return client_security(tls)


def _token(text: str) -> str:
    import hashlib
    import uuid

    return hashlib.sha256(text.encode()).hexdigest()[:12] + "-" + uuid.uuid4().hex[:8]


# ----------------------------------------------------------------------------- the worker's side
_CONFIGS: dict[tuple[str, str, bytes], config_mod.Config] = {}
_RUNNING: dict[str, int] = {}  # run id -> this worker process's tasks of it, running now
_POOLS: dict[str, Any] = {}
_WORKER_LOCK = threading.Lock()


def grade_task(request_text: str) -> str:
    """Run on a Dask worker: grade one submission with this worker process's warm oracles; the
    result as JSON text (``{"result": ...}``, or ``{"usage_error": ...}`` for a path that is not a
    submission)."""
    request = json.loads(request_text)
    cfg_path = Path(request["config"])
    key = (str(cfg_path), str(request["root"]), cfg_path.read_bytes())
    with _WORKER_LOCK:
        cfg = _CONFIGS.get(key)
        if cfg is None:
            cfg = _CONFIGS[key] = config_mod.load(cfg_path, root=request["root"])
        spec = engine.warm_spec(cfg)
        pool_key = json.dumps([spec.zygote_env, spec.worker_ops], sort_keys=True)
        pool = _POOLS.get(pool_key)
        if pool is None:
            pool = _POOLS[pool_key] = warm.Pool(spec, 1)
    run = str(request.get("run", ""))
    with _WORKER_LOCK:
        if not any(_RUNNING.values()):
            engine.allow_grading()  # a stop of an earlier run is over
        _RUNNING[run] = _RUNNING.get(run, 0) + 1
    try:
        result = engine.grade(Path(request["path"]), cfg, request["only"], request["language"],
                              shown_as=request["shown_as"], hide_also=request["hide_also"], oracles=pool,
                              cluster=_here(request.get("resources") or []))
    except engine.UsageError as exc:
        return json.dumps({"usage_error": str(exc)})
    finally:
        with _WORKER_LOCK:
            _RUNNING[run] -= 1
    return json.dumps({"result": result.to_dict()})


def _here(resources: list[str]) -> dict[str, Any] | None:
    """What this worker's oracles are told of the cluster (``kits.CLUSTER_ENV``): the scheduler as
    this worker reaches it, with this worker's own TLS files, the resources the cluster offers and
    this worker's own. None when the cluster offers no resource (nothing to send anywhere), or when
    the worker holds its TLS key in memory rather than in a file: an oracle's environment may carry
    a key's path, never the key."""
    if not resources:
        return None
    from distributed import get_worker

    worker = get_worker()
    own = {name: getattr(worker.security, name, None) for name in
           ("tls_ca_file", "tls_worker_cert", "tls_worker_key", "tls_client_cert", "tls_client_key")}
    if any(isinstance(value, str) and "-----BEGIN" in value for value in own.values()):
        return None
    tls = None
    if own["tls_ca_file"]:
        tls = {"tls_ca_file": own["tls_ca_file"], "tls_client_cert": own["tls_worker_cert"] or own["tls_client_cert"],
               "tls_client_key": own["tls_worker_key"] or own["tls_client_key"]}
    return {"address": worker.scheduler.address, "security": tls, "resources": list(resources),
            "here": sorted(worker.state.total_resources)}


def _stop_run(run: str) -> None:
    """On each worker (``Client.run``): end the running oracles if one of them grades for ``run``.
    A worker process grades one run's submission per thread; give workers one thread (docs/cluster.md)."""
    with _WORKER_LOCK:
        mine = _RUNNING.get(run, 0) > 0
    if mine:
        engine.stop_all()

"""``grade --cluster ssh``: a scheduler and workers started over SSH on grading.yml's hosts (Dask's
``distributed.deploy.ssh``, the parts of ``SSHCluster``), for a lab server or a few lab machines.

``grade`` connects to each host with SSH (asyncssh, which reads ``~/.ssh/config`` and the user's
keys and agent), starts the scheduler on ``cluster.ssh.scheduler`` and ``workers_per_host``
one-thread workers on each of ``hosts``, the workers of ``gpu_hosts`` tagged ``GPU=1``. When ``grade``
ends, they end.

Decided:

* **TLS only, from files** (grading.yml's ``cluster.tls``): every host has them at the same paths
  (a shared home, or copied once). Dask hands the remote processes its configuration on their
  command line, which every user of that host can read, so only the files' paths go there, never a
  key; which is also why the temporary certificate of ``--cluster slurm`` is not used here.
* **One certificate for every role**: the scheduler, the workers and ``grade`` present
  ``cluster.tls.cert``; whoever holds a certificate from that authority is let in.
* **The scheduler never retries** a task whose worker died, as for every cluster.
"""
from __future__ import annotations

import sys
from typing import Any

from grader.config import SshSettings, TlsFiles
from grader.run.tls import client_security


class SshUnavailable(RuntimeError):
    """asyncssh missing, no hosts or TLS files in grading.yml, or a host that cannot be reached."""


INSTALL = "grade --cluster ssh needs asyncssh: pip install 'dlgrader[cluster]'"


def tls_config(tls: TlsFiles) -> dict[str, Any]:
    """Dask's configuration for TLS with these files in every role (what the remote processes inherit)."""
    files = {"ca-file": str(tls.ca_file)}
    for role in ("scheduler", "worker", "client"):
        files[f"{role}.cert"] = str(tls.cert)
        files[f"{role}.key"] = str(tls.key)
    return {"distributed.comm.require-encryption": True,
            **{f"distributed.comm.tls.{name}": value for name, value in files.items()}}


def spec(settings: SshSettings, connect: dict[str, Any] | None = None) -> tuple[dict, dict]:
    """(scheduler, workers) for ``SpecCluster``: ``SSHCluster``'s own, with a worker per host and the
    GPU hosts' workers tagged (pure, so a test reads what would be started where)."""
    from distributed.deploy import ssh

    connect = dict(connect or {})
    python = settings.python or sys.executable
    scheduler = {"cls": ssh.Scheduler, "options": {
        "address": settings.scheduler or settings.hosts[0], "connect_options": connect, "remote_python": python,
        "kwargs": {"protocol": "tls", "dashboard": False, "dashboard_address": "127.0.0.1:0"}}}
    workers = {}
    for host in settings.hosts:
        kwargs: dict[str, Any] = {"n_workers": settings.workers_per_host, "nthreads": 1, "dashboard": False,
                                  "dashboard_address": "127.0.0.1:0"}
        if host in settings.gpu_hosts:
            kwargs["resources"] = {"GPU": 1}
        workers[host] = {"cls": ssh.Worker, "options": {
            "address": host, "connect_options": connect, "kwargs": kwargs, "worker_class": "distributed.Nanny",
            "remote_python": python}}
    return scheduler, workers


def start(settings: SshSettings, tls: TlsFiles | None) -> Any:
    """A running ``SpecCluster`` of SSH-started processes (raises :class:`SshUnavailable`)."""
    if not settings.hosts:
        raise SshUnavailable("--cluster ssh: grading.yml has no cluster.ssh.hosts (docs/cluster.md)")
    if tls is None:
        raise SshUnavailable("--cluster ssh: grading.yml has no cluster.tls (ca_file, cert, key), which every "
                             "host needs at the same paths (docs/cluster.md)")
    import logging
    import warnings

    warnings.filterwarnings("ignore", module="asyncssh")  # its notes on DSA keys are not the TA's concern
    logging.getLogger("distributed.deploy.ssh").setLevel(logging.WARNING)  # each remote process's start-up lines
    try:
        import asyncssh  # noqa: F401 - only whether it is there
        import dask
        from distributed import SpecCluster
    except ImportError:
        raise SshUnavailable(INSTALL) from None
    dask.config.set({"distributed.scheduler.allowed-failures": 0, **tls_config(tls)})
    scheduler, workers = spec(settings)
    try:
        return SpecCluster(workers=workers, scheduler=scheduler, security=client_security(tls), name="dlgrader-ssh")
    except Exception as exc:  # noqa: BLE001 - asyncssh's and Dask's: an unknown host, a refused key, no Python there
        raise SshUnavailable(f"--cluster ssh: could not start the scheduler and workers: {type(exc).__name__}: "
                             f"{str(exc)[:400]}") from None


def slots(settings: SshSettings) -> int:
    return len(settings.hosts) * settings.workers_per_host

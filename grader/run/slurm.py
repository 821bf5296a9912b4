"""``grade --cluster slurm``: Dask workers as Slurm jobs (dask-jobqueue's ``SLURMCluster``).

``grade`` itself runs the Dask scheduler, in its own process, and submits ``cluster.slurm.jobs``
jobs from grading.yml; each job runs one one-thread worker per core, so a job slot is what a
``--jobs`` slot is on one machine. When ``grade`` ends, its jobs are cancelled.

Decided:

* **Always TLS** (``Security.temporary()``, which needs the ``cryptography`` package of the
  ``cluster`` extra): the scheduler listens on the node's network, where anyone who reaches it
  could run code on the workers. The workers' copy of the temporary key is written, readable only
  by grade's user, to a private folder the jobs read too (a shared home, as Slurm sites have).
* **The scheduler never retries** a task whose worker died (``allowed-failures: 0``): that
  submission is a grader problem, regraded by the next run, as with any other cluster.
* **No dashboard**: the scheduler's and workers' TLS ports are all that listen beyond loopback.
* **GPU jobs** (``gpus_per_job``) ask Slurm for ``--gres=gpu:N`` and tag their workers with the Dask
  resource ``GPU=N``.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from grader.config import SlurmSettings


class SlurmUnavailable(RuntimeError):
    """dask-jobqueue or cryptography is missing, or no job started in time."""


INSTALL = "grade --cluster slurm needs dask-jobqueue and cryptography: pip install 'dlgrader[cluster]'"


def private_folder() -> Path:
    """Where the workers' temporary TLS files and the jobs' logs go: under the user's home (which
    the compute nodes share on a Slurm site), readable only by this user."""
    base = Path(os.environ.get("DLGRADER_CLUSTER_DIR") or Path.home() / ".cache" / "dlgrader" / "slurm")
    base.mkdir(parents=True, exist_ok=True)
    base.chmod(0o700)
    (base / "logs").mkdir(exist_ok=True)
    return base


def options(settings: SlurmSettings, shared: Path, security: Any) -> dict[str, Any]:
    """``SLURMCluster``'s keyword arguments for grading.yml's ``cluster.slurm`` (pure, so a test can
    read the job script it gives)."""
    gpus = settings.gpus_per_job
    return {
        "queue": settings.partition,
        "account": settings.account,
        "cores": settings.cores,
        "processes": settings.cores,  # one worker process of one thread per core: one submission each
        "memory": settings.memory,
        "walltime": settings.walltime,
        "job_name": "dlgrader",
        "python": settings.python or sys.executable,
        "job_extra_directives": [*([f"--gres=gpu:{gpus}"] if gpus else []), *settings.job_extra],
        "worker_extra_args": ["--no-dashboard", *(["--resources", f"GPU={gpus}"] if gpus else [])],
        "log_directory": str(shared / "logs"),
        "shared_temp_directory": str(shared),
        "security": security,
        "protocol": "tls://",
        "scheduler_options": {"dashboard": False, "dashboard_address": "127.0.0.1:0"},
    }


def start(settings: SlurmSettings) -> Any:
    """A running ``SLURMCluster`` with its jobs submitted (raises :class:`SlurmUnavailable`)."""
    try:
        import dask
        from dask_jobqueue import SLURMCluster
        from distributed.security import Security
    except ImportError:
        raise SlurmUnavailable(INSTALL) from None
    try:
        security = Security.temporary()
    except ImportError:
        raise SlurmUnavailable(INSTALL) from None
    if shutil.which("sbatch") is None:
        raise SlurmUnavailable("--cluster slurm: no sbatch on this machine's PATH (run grade on a Slurm login node)")
    dask.config.set({"distributed.scheduler.allowed-failures": 0})
    try:
        cluster = SLURMCluster(**options(settings, private_folder(), security))
    except (OSError, RuntimeError, ValueError) as exc:
        raise SlurmUnavailable(f"--cluster slurm: could not start the Dask scheduler ({exc})") from None
    refused = _refused(cluster.job_script())
    if refused:
        cluster.close()
        raise SlurmUnavailable(f"--cluster slurm: sbatch refuses grading.yml's cluster.slurm job: {refused}")
    cluster.scale(jobs=settings.jobs)
    return cluster


def _refused(script: str) -> str | None:
    """What ``sbatch --test-only`` says against the job script (a wrong partition, account, GPU
    request, walltime), before any job is submitted: dask-jobqueue would only log it, and grade would
    wait out ``start_timeout``."""
    with tempfile.NamedTemporaryFile("w", suffix=".sh", prefix="dlgrader-job-") as file:
        file.write(script)
        file.flush()
        run = subprocess.run(["sbatch", "--test-only", file.name], capture_output=True, text=True, timeout=60)
    if run.returncode == 0:
        return None
    lines = [line.removeprefix("sbatch: error: ") for line in run.stderr.splitlines() if line.strip()]
    return "; ".join(lines)[-500:] or f"exit status {run.returncode}"


def slots(settings: SlurmSettings) -> int:
    """Submissions graded at once once every job runs (jobs still queued count: their tasks wait)."""
    return settings.jobs * settings.cores

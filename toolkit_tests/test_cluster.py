"""``grade --cluster``: a class graded as Dask tasks (grader/run/cluster.py), proven on a loopback cluster.

A scheduler with two worker processes on 127.0.0.1 (``distributed.LocalCluster``, started by a
fixture in a process group of its own, with ``allowed-failures: 0`` as docs/cluster.md asks) grades
the numpy labs of a small class: the gradebook is byte for byte the one ``--jobs 2`` writes; a worker
killed while it grades costs exactly its submission (a grader problem, no score, not cached, so the
rerun regrades only it); a scheduler that goes away ends the run with one line and no gradebook.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus import NUMPY_ONLY, ROOT, is_root
from grader import results
from proctree import Watch, children, comm, descendants

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow

GRADE = [sys.executable, "-m", "grader"]
SCHEDULER = """
import sys, time
if __name__ == "__main__":
    import dask
    dask.config.set({"distributed.scheduler.allowed-failures": int(sys.argv[1])})
    from distributed import LocalCluster
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None)
    print(cluster.scheduler_address, flush=True)
    time.sleep(600)
"""


@pytest.fixture
def scheduler(tmp_path, request):
    """(address, the cluster's process) for a loopback scheduler with two one-thread workers
    (``allowed-failures`` 0, or the test's ``allowed_failures`` mark)."""
    mark = request.node.get_closest_marker("allowed_failures")
    script = tmp_path / "scheduler.py"
    script.write_text(SCHEDULER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(mark.args[0] if mark else 0)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, start_new_session=True, cwd=tmp_path)
    try:
        assert proc.stdout is not None
        address = proc.stdout.readline().strip()
        assert address.startswith("tcp://127.0.0.1:"), address
        yield address, proc
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


def _class(tmp_path: Path, n_reference: int = 2) -> Path:
    klass = tmp_path / "class"
    klass.mkdir()
    for i in range(n_reference):  # each its own content: the results cache is keyed by content
        shutil.copytree(ROOT / "reference", klass / f"ref{i}")
        with open(klass / f"ref{i}" / "a01_perceptron" / "perceptron.py", "a", encoding="utf-8") as f:
            f.write(f"# copy {i}\n")
    shutil.copytree(ROOT / "assignments", klass / "stubs")
    broken = klass / "broken"
    shutil.copytree(ROOT / "reference", broken)
    (broken / "a02_activations" / "activations.py").write_text("def sigmoid(x:\n", encoding="utf-8")
    return klass


def _grade(args: list[str], tmp_path: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(GRADE + args, cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "TMPDIR": str(tmp_path)}, **kw)


def _without_times(path: Path) -> list[dict]:
    """The JSON less what differs between any two runs, two ``--jobs 2`` runs too: the times, and
    which sandbox uid each submission leased (the first free one when it started)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for row in data:
        row.pop("execution_time")
        row["sandbox"].pop("uid", None)
    return data


def test_a_class_on_two_loopback_workers_is_graded_as_with_two_jobs(scheduler, tmp_path):
    address, _ = scheduler
    klass = _class(tmp_path)
    out = {}
    for how, extra in (("cluster", ["--cluster", address]), ("jobs", ["--jobs", "2"])):
        for fmt in ("csv", "json"):
            out[how, fmt] = tmp_path / f"{how}.{fmt}"
            run = _grade([str(klass), *NUMPY_ONLY, "--no-cache", "-f", fmt, "-o", str(out[how, fmt]), *extra],
                         tmp_path)
            assert run.returncode == 0, run.stderr[-2000:]
            assert "ALLOWED_FAILURES" not in run.stderr
    assert out["cluster", "csv"].read_bytes() == out["jobs", "csv"].read_bytes()
    assert _without_times(out["cluster", "json"]) == _without_times(out["jobs", "json"])
    scores = {r["submission"].rsplit("/", 1)[-1]: r["score"] for r in _without_times(out["cluster", "json"])}
    assert scores == {"ref0": 123, "ref1": 123, "stubs": 0, "broken": 93}, scores


def test_a_worker_killed_mid_run_costs_only_its_submission(scheduler, tmp_path):
    address, cluster = scheduler
    klass = _class(tmp_path, n_reference=4)
    out, cache = tmp_path / "grades.json", tmp_path / "cache"
    args = [str(klass), *NUMPY_ONLY, "-f", "json", "-o", str(out), "--cache-dir", str(cache), "--cluster", address]
    proc = subprocess.Popen(GRADE + args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(tmp_path)})
    # The cluster's process (scheduler and nannies) -> worker processes; one with an oracle among its
    # descendants is grading.
    deadline = time.monotonic() + 120
    victim = None
    while victim is None and time.monotonic() < deadline:
        victim = next((worker for worker in children(cluster.pid)
                       if any(comm(p) == "dlgrader-oracle" for p in descendants(worker))), None)
        time.sleep(0.02)
    assert victim, "no worker was seen grading"
    os.kill(victim, signal.SIGKILL)
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 3, stderr[-2000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    hit = [d for d in data if d["grader_errors"]]
    assert len(hit) == 1 and hit[0]["score"] is None, [d["grader_errors"] for d in data]
    assert "on the cluster" in hit[0]["grader_errors"][0]
    assert len(data) == 6
    rerun = _grade(args, tmp_path)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert "(5 unchanged, from the cache)" in rerun.stderr
    assert not any(d["grader_errors"] for d in json.loads(out.read_text(encoding="utf-8")))


def test_a_scheduler_gone_mid_run_ends_it_with_one_line_and_no_gradebook(scheduler, tmp_path):
    address, cluster = scheduler
    klass = _class(tmp_path, n_reference=6)
    out = tmp_path / "grades.csv"
    args = [str(klass), *NUMPY_ONLY, "--no-cache", "-f", "csv", "-o", str(out), "--cluster", address]
    proc = subprocess.Popen([*GRADE, *args],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(tmp_path)})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(comm(p) == "dlgrader-oracle" for p in descendants(cluster.pid)):
        time.sleep(0.02)
    os.killpg(cluster.pid, signal.SIGKILL)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 2, stderr[-2000:]
    assert not out.exists()
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("grade: ") and "scheduler" in last and "is gone" in last, stderr[-2000:]


def test_sigterm_of_grade_ends_its_tasks_on_the_workers(scheduler, tmp_path):
    """SIGTERM of grade: no report, and the oracles running on the workers end too (Dask does not
    interrupt a running task: grade has each worker running one of its tasks stop its oracles);
    the workers then grade the next run as usual."""
    address, cluster = scheduler
    klass = _class(tmp_path, n_reference=2)
    for name in ("a_loop1", "a_loop2"):  # graded first (by name); every gate call loops until its time limit
        shutil.copytree(ROOT / "reference", klass / name)
        with open(klass / name / "a01_perceptron" / "perceptron.py", "a", encoding="utf-8") as f:
            f.write(f"\n\ndef AND(x1, x2):  # {name}\n    while True:\n        pass\n")
    out = tmp_path / "grades.csv"
    args = [str(klass), *NUMPY_ONLY, "--no-cache", "-f", "csv", "-o", str(out), "--cluster", address]
    proc = subprocess.Popen([*GRADE, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(tmp_path)})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and \
            len([p for p in descendants(cluster.pid) if comm(p) == "dlgrader-oracle"]) < 2:
        time.sleep(0.02)
    time.sleep(2)  # both loopers are in their first call, which alone lasts the call timeout
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signal.SIGTERM, stderr[-2000:]
    assert not out.exists() and "stopped by SIGTERM" in stderr
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(comm(p) == "dlgrader-oracle" for p in descendants(cluster.pid)):
        time.sleep(0.1)
    assert not [p for p in descendants(cluster.pid) if comm(p) == "dlgrader-oracle"]
    shutil.rmtree(klass / "a_loop1")
    shutil.rmtree(klass / "a_loop2")
    again = _grade(args, tmp_path)
    assert again.returncode == 0, again.stderr[-2000:]
    assert out.read_text(encoding="utf-8-sig").count(",123,123,complete") == 2


@pytest.mark.allowed_failures(3)
def test_a_scheduler_that_retries_a_dead_workers_task_is_warned_about(scheduler, tmp_path):
    address, _ = scheduler
    run = _grade([str(ROOT / "reference"), "-a", "a01_perceptron", "--no-cache", "--cluster", address], tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "hands a task whose worker died to another worker (3 times)" in run.stderr
    assert "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES=0" in run.stderr


def test_no_scheduler_at_the_address_is_one_line_before_grading(tmp_path):
    run = _grade([str(ROOT / "reference"), str(ROOT / "assignments"), *NUMPY_ONLY, "--cluster",
                  "tcp://127.0.0.1:9"], tmp_path)
    assert run.returncode == 2
    assert "no Dask scheduler answered at tcp://127.0.0.1:9" in run.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("address, says", [
    ("tcp://10.1.2.3:8786", "plain TCP is only for a scheduler on this machine"),
    ("tcp://lab-server:8786", "between machines use tls://lab-server:8786 with cluster.tls in grading.yml"),
    ("tls://127.0.0.1:8786", "grading.yml has no cluster.tls (ca_file, cert, key)"),
    ("tcp://127.0.0.1", "expected tcp://127.0.0.1:PORT (this machine), tls://HOST:PORT"),
    ("ws://127.0.0.1:8786", "expected tcp://127.0.0.1:PORT (this machine), tls://HOST:PORT")])
def test_a_scheduler_off_this_machine_needs_tls(address, says, tmp_path):
    run = _grade([str(ROOT / "reference"), str(ROOT / "assignments"), *NUMPY_ONLY, "--cluster", address], tmp_path)
    assert run.returncode == 2
    assert says in run.stderr.strip().splitlines()[-1]


# ----------------------------------------------------------------------------- GPU workers
GPU_SCHEDULER = """
import sys, time
if __name__ == "__main__":
    import dask
    dask.config.set({"distributed.scheduler.allowed-failures": 0})
    from distributed import Nanny, Scheduler, SpecCluster
    workers = {"cpu": {"cls": Nanny, "options": {"nthreads": 1}},
               "gpu": {"cls": Nanny, "options": {"nthreads": 1, "resources": {"GPU": 1}}}}
    cluster = SpecCluster(workers=workers, scheduler={"cls": Scheduler, "options": {
        "host": "127.0.0.1", "dashboard_address": None, "dashboard": False}})
    print(cluster.scheduler_address, flush=True)
    time.sleep(900)
"""
KERAS_LABS = ("a06_fashion_mnist", "a07_keras_xor", "a08_fashion_cnn")


def test_trainings_run_on_the_worker_tagged_gpu_and_the_gradebook_is_as_with_two_jobs(tmp_path):
    """Two loopback workers, one tagged ``GPU=1`` (no GPU is there): a class of a01-a08 is graded into
    the gradebook ``--jobs 2`` writes, and every Keras training runs under the tagged worker, those
    of submissions graded on the other worker as tasks of their own (grader/kits/keras/remote.py).
    Trainings are one short epoch (only where they run is checked), each run with a training cache
    of its own, so the cluster's trainings are compared with local ones, not recalled from them."""
    pytest.importorskip("keras")
    import yaml
    from distributed import Client

    from grader.kits.keras import remote

    data = yaml.safe_load((ROOT / "grading.yml").read_text(encoding="utf-8"))
    for lab in KERAS_LABS:
        data["assignments"][lab].setdefault("training", {}).update({"epochs": 1, "train_examples": 1000})
    course = _course(tmp_path, "")
    (course / "grading.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    klass = tmp_path / "class"
    for i in range(3):  # three distinct models: the worker without the GPU grades at least one of them
        shutil.copytree(ROOT / "reference", klass / f"ref{i}")
        lab = klass / f"ref{i}" / "a06_fashion_mnist" / "fashion_mnist_lab.py"
        text = lab.read_text(encoding="utf-8")
        lab.write_text(text.replace('activation="relu")', f'activation="relu", name="hidden_{i}")', 1),
                       encoding="utf-8")
    only = [arg for aid in ("a01_perceptron", "a02_activations", "a03_losses", "a04_gradient", "a05_backprop",
                            *KERAS_LABS) for arg in ("-a", aid)]
    script = tmp_path / "gpu_scheduler.py"
    script.write_text(GPU_SCHEDULER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, start_new_session=True, cwd=tmp_path,
                            env={**os.environ, "TMPDIR": str(tmp_path),
                                 "XDG_CACHE_HOME": str(tmp_path / "cache-cluster")})
    out = {how: tmp_path / f"{how}.csv" for how in ("cluster", "jobs")}
    try:
        assert proc.stdout is not None
        address = proc.stdout.readline().strip()
        with Client(address, set_as_default=False) as client:
            pids = client.run(os.getpid)
            tagged = {a: "GPU" in (w.get("resources") or {}) for a, w in client.scheduler_info()["workers"].items()}
            with Watch(b"grader.kits.keras.trainer", under=proc.pid) as watch:
                run = _grade([str(klass), *only, "--course", str(course), "--no-cache", "-f", "csv",
                              "-o", str(out["cluster"]), "--cluster", address], tmp_path)
            assert run.returncode == 0, run.stderr[-3000:]
            sent = client.run(remote.trained_here)
        gpu_pid = next(pids[a] for a, gpu in tagged.items() if gpu)
        cpu_pid = next(pids[a] for a, gpu in tagged.items() if not gpu)
        assert watch.seen, "no trainer process ran on the cluster"
        assert all(gpu_pid in chain and cpu_pid not in chain for chain in watch.seen.values()), (watch.seen, pids)
        assert sum(n for a, n in sent.items() if tagged[a]) >= 1, sent  # sent by the other worker's oracle
        assert sum(n for a, n in sent.items() if not tagged[a]) == 0, sent
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    run = subprocess.run([*GRADE, str(klass), *only, "--course", str(course), "--no-cache", "-f", "csv", "-o",
                          str(out["jobs"]), "--jobs", "2"], cwd=ROOT, capture_output=True, text=True, timeout=900,
                         env={**os.environ, "TMPDIR": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache-jobs")})
    assert run.returncode == 0, run.stderr[-3000:]
    assert out["cluster"].read_bytes() == out["jobs"].read_bytes()
    rows = out["cluster"].read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 4 and all(",complete," in row for row in rows[1:]), rows


def test_plain_tcp_is_refused_where_student_code_has_a_network(tmp_path):
    """Without the sandbox's namespaces (root in a container, here ``sandbox.namespaces: false``) a
    student's code reaches loopback (the corpus's hostile/network entry shows what it reaches where it
    has a network), and a plain-TCP Dask scheduler runs whatever it is sent as the workers' user: such
    a run needs TLS."""
    if not is_root():
        pytest.skip("the mode without namespaces is root's")
    course = _course(tmp_path, "\nsandbox:\n  namespaces: false\n")
    run = _grade([str(ROOT / "reference"), *NUMPY_ONLY, "--course", str(course), "--cluster", "tcp://127.0.0.1:9"],
                 tmp_path)
    assert run.returncode == 2
    assert "a student's code can reach this machine's network" in run.stderr.strip().splitlines()[-1]


# ----------------------------------------------------------------------------- TLS
TLS_SCHEDULER = """
import sys, time
if __name__ == "__main__":
    import dask
    dask.config.set({"distributed.scheduler.allowed-failures": 0})
    from distributed import LocalCluster
    from distributed.security import Security
    ca, cert, key = sys.argv[1:4]
    security = Security(tls_ca_file=ca, tls_scheduler_cert=cert, tls_scheduler_key=key, tls_worker_cert=cert,
                        tls_worker_key=key, tls_client_cert=cert, tls_client_key=key, require_encryption=True)
    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", protocol="tls",
                           security=security, dashboard_address=None)
    print(cluster.scheduler_address, flush=True)
    time.sleep(600)
"""


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate and its key (Dask's own ``Security.temporary``), as PEM files."""
    from distributed.security import Security

    temporary = Security.temporary()
    folder.mkdir(parents=True)
    cert, key = folder / "cert.pem", folder / "key.pem"
    cert.write_text(temporary.tls_ca_file, encoding="utf-8")
    key.write_text(temporary.tls_client_key, encoding="utf-8")
    return cert, key


def _course(tmp_path: Path, section: str) -> Path:
    """The repository's course seen from another folder, with grading.yml's ``section`` added."""
    course = tmp_path / "course"
    course.mkdir()
    for name in ("tests", "reference", "assignments"):
        (course / name).symlink_to(ROOT / name)
    (course / "grading.yml").write_text((ROOT / "grading.yml").read_text(encoding="utf-8") + section,
                                        encoding="utf-8")
    return course


def _tls(cert: Path, key: Path, ca: Path | None = None) -> str:
    return f"\ncluster:\n  tls:\n    ca_file: {ca or cert}\n    cert: {cert}\n    key: {key}\n"


@pytest.fixture
def tls_scheduler(tmp_path):
    """(address, certificate, key) of a loopback scheduler and worker that speak only TLS."""
    cert, key = _certificate(tmp_path / "pki")
    script = tmp_path / "tls_scheduler.py"
    script.write_text(TLS_SCHEDULER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(cert), str(cert), str(key)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, start_new_session=True, cwd=tmp_path)
    try:
        assert proc.stdout is not None
        address = proc.stdout.readline().strip()
        assert address.startswith("tls://127.0.0.1:"), address
        yield address, cert, key
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def test_a_scheduler_reached_over_tls_grades_as_one_job_does(tls_scheduler, tmp_path):
    """``tls://`` with grading.yml's cluster.tls: the same gradebook as ``--jobs 1``; a driver whose
    certificate another authority signed is not let in, and neither is one speaking plain TCP."""
    address, cert, key = tls_scheduler
    course = _course(tmp_path, _tls(cert, key))
    submissions = [str(ROOT / "reference"), str(ROOT / "assignments")]
    out = {how: tmp_path / f"{how}.csv" for how in ("tls", "jobs")}
    for how, extra in (("tls", ["--cluster", address]), ("jobs", ["--jobs", "1"])):
        run = _grade([*submissions, *NUMPY_ONLY, "--course", str(course), "--no-cache", "-f", "csv",
                      "-o", str(out[how]), *extra], tmp_path)
        assert run.returncode == 0, run.stderr[-2000:]
    assert out["tls"].read_bytes() == out["jobs"].read_bytes()
    assert b"123" in out["tls"].read_bytes()

    stranger_cert, stranger_key = _certificate(tmp_path / "stranger")
    shutil.rmtree(course)
    course = _course(tmp_path, _tls(stranger_cert, stranger_key))
    run = _grade([*submissions, *NUMPY_ONLY, "--course", str(course), "--no-cache", "--cluster", address], tmp_path)
    assert run.returncode == 2
    assert f"no Dask scheduler answered at {address}" in run.stderr.strip().splitlines()[-1]
    plain = address.replace("tls://", "tcp://")
    run = _grade([*submissions, *NUMPY_ONLY, "--course", str(course), "--no-cache", "--cluster", plain], tmp_path)
    assert run.returncode == 2
    assert f"no Dask scheduler answered at {plain}" in run.stderr.strip().splitlines()[-1]


def test_tls_files_that_are_not_there_are_named(tmp_path):
    course = _course(tmp_path, _tls(tmp_path / "keys" / "cert.pem", tmp_path / "keys" / "key.pem"))
    run = _grade([str(ROOT / "reference"), *NUMPY_ONLY, "--course", str(course), "--cluster", "tls://10.0.0.1:8786"],
                 tmp_path)
    assert run.returncode == 2
    assert f"cluster.tls.ca_file: no file at {tmp_path / 'keys' / 'cert.pem'}" in run.stderr.strip().splitlines()[-1]


# ----------------------------------------------------------------------------- Slurm
def test_the_slurm_job_asks_for_the_gpus_and_tags_its_workers(tmp_path, monkeypatch):
    """grading.yml's cluster.slurm, as the job script dask-jobqueue would submit: the partition, account,
    walltime, memory, one one-thread worker per core, ``--gres=gpu:N`` with the workers tagged
    ``GPU=N``, TLS with the key's copy in the private folder, and no dashboard."""
    pytest.importorskip("dask_jobqueue")
    from dask_jobqueue import SLURMCluster
    from distributed.security import Security

    from grader import config
    from grader.run import slurm

    monkeypatch.setenv("DLGRADER_CLUSTER_DIR", str(tmp_path / "private"))
    course = _course(tmp_path, "\ncluster:\n  slurm:\n    partition: gpu\n    account: dl2026\n    jobs: 3\n"
                               "    cores: 4\n    memory: 16GB\n    walltime: 2:00:00\n    gpus_per_job: 1\n"
                               "    job_extra: [--qos=normal]\n")
    settings = config.load(course / "grading.yml").cluster.slurm
    assert settings.walltime == "2:00:00"  # YAML 1.1 read it as 7200
    cluster = SLURMCluster(**slurm.options(settings, slurm.private_folder(), Security.temporary()))
    try:
        script = cluster.job_script()
    finally:
        cluster.close()
    for line in ("#SBATCH -p gpu", "#SBATCH -A dl2026", "#SBATCH --cpus-per-task=4", "#SBATCH --mem=15G",
                 "#SBATCH -t 2:00:00", "#SBATCH --gres=gpu:1", "#SBATCH --qos=normal", "#SBATCH -J dlgrader"):
        assert line in script.splitlines(), (line, script)
    assert "--nworkers 4" in script and "--nthreads 1" in script
    assert "--resources GPU=1" in script and "--no-dashboard" in script
    assert f"--tls-key {tmp_path / 'private'}/" in script  # the temporary key's copy, readable by this user only
    assert "tls://" in script and "tcp://" not in script
    assert (tmp_path / "private").stat().st_mode & 0o077 == 0
    assert slurm.slots(settings) == 12
    without = SLURMCluster(**slurm.options(config.SlurmSettings(), tmp_path, Security.temporary()))
    try:
        assert "gres" not in without.job_script() and "GPU=" not in without.job_script()
    finally:
        without.close()


def test_slurm_without_sbatch_is_one_line(tmp_path):
    (tmp_path / "bin").mkdir()
    run = subprocess.run([*GRADE, str(ROOT / "reference"), *NUMPY_ONLY, "--cluster", "slurm"], cwd=ROOT,
                         capture_output=True, text=True, timeout=600,
                         env={**os.environ, "TMPDIR": str(tmp_path), "PATH": str(tmp_path / "bin")})
    assert run.returncode == 2
    assert "no sbatch on this machine's PATH" in run.stderr.strip().splitlines()[-1]


# ----------------------------------------------------------------------------- SSH
def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def sshd(tmp_path):
    """(a home folder, the server's pid): the home's ``~/.ssh/config`` names two hosts, ``dlg-a`` and
    ``dlg-b``, both an OpenSSH server of the test's own on 127.0.0.1 (Debian's openssh-server,
    installed where apt is usable), which lets in this user with a key made here."""
    import getpass

    from grader import apt

    if not Path("/usr/sbin/sshd").exists():
        done = apt.install("openssh-server")
        if not done.startswith("installed"):
            pytest.skip(f"no OpenSSH server: {done}")
    home, conf = tmp_path / "home", tmp_path / "sshd"
    (home / ".ssh").mkdir(parents=True)
    conf.mkdir()
    for key in (conf / "host_key", home / ".ssh" / "id_ed25519"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    shutil.copy(home / ".ssh" / "id_ed25519.pub", conf / "authorized_keys")
    port = _free_port()
    (conf / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {conf / 'host_key'}\nPidFile {conf / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {conf / 'authorized_keys'}\nPermitRootLogin prohibit-password\n"
        "PasswordAuthentication no\nStrictModes no\nUsePAM no\n", encoding="utf-8")
    (home / ".ssh" / "config").write_text(
        f"Host dlg-a dlg-b\n  HostName 127.0.0.1\n  Port {port}\n  User {getpass.getuser()}\n"
        f"  IdentityFile {home / '.ssh' / 'id_ed25519'}\n", encoding="utf-8")
    host_key = (conf / "host_key.pub").read_text(encoding="utf-8").split()[:2]
    (home / ".ssh" / "known_hosts").write_text(f"[127.0.0.1]:{port} {' '.join(host_key)}\n", encoding="utf-8")
    Path("/run/sshd").mkdir(exist_ok=True)  # its privilege separation folder, as root
    server = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", str(conf / "sshd_config")],
                              stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        import socket

        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "sshd did not start"
                time.sleep(0.1)
        yield home, server.pid
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def _docs_certificates(home: Path) -> None:
    """docs/cluster.md's OpenSSL commands, as written, run with ``home`` as the home folder."""
    text = (ROOT / "docs" / "cluster.md").read_text(encoding="utf-8")
    block = next(b for b in text.split("```sh\n")[1:] if "openssl req -x509" in b).split("```")[0]
    subprocess.run(["bash", "-e", "-c", block], check=True, capture_output=True, env={**os.environ, "HOME": str(home)})


def test_a_class_on_hosts_over_ssh_is_graded_as_with_two_jobs(sshd, tmp_path):
    """``--cluster ssh`` starts a scheduler and a worker on each host over SSH (two names of one local
    OpenSSH server), speaking TLS with certificates made by the docs' own commands, one host's worker
    tagged GPU; the gradebook is the one ``--jobs 2`` writes, and nothing it started is left."""
    pytest.importorskip("asyncssh")
    home, server = sshd
    _docs_certificates(home)
    keys = home / ".config" / "dlgrader"
    course = _course(tmp_path, f"\ncluster:\n  tls:\n    ca_file: {keys / 'ca.pem'}\n    cert: {keys / 'grade.pem'}\n"
                               f"    key: {keys / 'grade.key'}\n  ssh:\n    hosts: [dlg-a, dlg-b]\n"
                               "    workers_per_host: 1\n    gpu_hosts: [dlg-b]\n")
    klass = _class(tmp_path)
    out = {how: tmp_path / f"{how}.csv" for how in ("ssh", "jobs")}
    for how, extra in (("ssh", ["--cluster", "ssh"]), ("jobs", ["--jobs", "2"])):
        run = subprocess.run([*GRADE, str(klass), *NUMPY_ONLY, "--course", str(course), "--no-cache", "-f", "csv",
                              "-o", str(out[how]), *extra], cwd=ROOT, capture_output=True, text=True, timeout=600,
                             env={**os.environ, "TMPDIR": str(tmp_path), "HOME": str(home)})
        assert run.returncode == 0, run.stderr[-3000:]
        assert "INFO" not in run.stderr and "Deprecat" not in run.stderr, run.stderr[-2000:]
    assert out["ssh"].read_bytes() == out["jobs"].read_bytes()

    def started() -> list[str]:  # what the run started over SSH: the server's sessions' processes
        return [cmd for cmd in descendants(server).values() if "distributed.cli.dask_spec" in cmd]

    deadline = time.monotonic() + 30
    while started() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not started()


def test_the_ssh_hosts_and_their_gpu_tags():
    """What ``--cluster ssh`` would start where (grader/run/ssh.py), and the TLS files in every role."""
    pytest.importorskip("asyncssh")
    from grader import config
    from grader.run import ssh

    settings = config.SshSettings(hosts=("lab1", "lab2"), workers_per_host=4, gpu_hosts=("lab2",), python="/opt/py")
    scheduler, workers = ssh.spec(settings)
    assert scheduler["options"]["address"] == "lab1" and scheduler["options"]["kwargs"]["protocol"] == "tls"
    assert {h: w["options"]["kwargs"].get("resources") for h, w in workers.items()} == {"lab1": None,
                                                                                       "lab2": {"GPU": 1}}
    assert all(w["options"]["kwargs"]["n_workers"] == 4 and w["options"]["kwargs"]["nthreads"] == 1 and
               w["options"]["remote_python"] == "/opt/py" for w in workers.values())
    assert ssh.slots(settings) == 8
    tls = config.TlsFiles(Path("/k/ca.pem"), Path("/k/c.pem"), Path("/k/c.key"))
    conf = ssh.tls_config(tls)
    assert conf["distributed.comm.require-encryption"] is True
    assert {conf[f"distributed.comm.tls.{r}.key"] for r in ("scheduler", "worker", "client")} == {"/k/c.key"}


@pytest.mark.parametrize("section, says", [
    ("  ssh:\n    hosts: [lab1]\n", "--cluster ssh: grading.yml has no cluster.tls"),
    ("  tls: {ca_file: /k/ca.pem, cert: /k/c.pem, key: /k/c.key}\n", "--cluster ssh: grading.yml has no "
                                                                       "cluster.ssh.hosts")])
def test_ssh_without_its_settings_is_one_line(section, says, tmp_path):
    course = _course(tmp_path, "\ncluster:\n" + section)
    run = _grade([str(ROOT / "reference"), *NUMPY_ONLY, "--course", str(course), "--cluster", "ssh"], tmp_path)
    assert run.returncode == 2
    assert says in run.stderr.strip().splitlines()[-1]


def test_a_result_from_a_worker_is_checked_field_by_field():
    """What crosses from a worker is JSON text, rebuilt only if every field has its declared type."""
    good = results.SubmissionResult("s", 1.0, 2.0, 0.1, [results.AssignmentResult(
        "a01", 1.0, 2.0, "graded", tests=[results.TestResult("t", "n", 1.0, 1.0, "passed")])])
    assert results.from_json(json.dumps(good.to_dict())) == good
    for path, value in ((("score",), "123"), (("assignments", 0, "status"), "excellent"),
                        (("assignments", 0, "tests", 0, "score"), True), (("assignments",), {"a01": 1}),
                        (("sandbox",), [1])):
        data = good.to_dict()
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        with pytest.raises(ValueError):
            results.from_json(json.dumps(data))
    with pytest.raises(ValueError):
        results.from_json('["not", "a", "result"]')

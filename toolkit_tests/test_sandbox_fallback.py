"""As root without namespaces (a container without CAP_SYS_ADMIN, e.g. Gradescope's), the
worker still drops to the sandbox user, the grade is the same, the JSON says what was
missing, and children that escape with setsid are still killed (by the subreaper sweep)."""
from __future__ import annotations

import os

import pytest
import yaml

from corpus import ROOT, build, entries
from grader import config, engine
from test_corpus import _worker_processes

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the user switch needs root")


@pytest.fixture(scope="module")
def no_namespaces(tmp_path_factory):
    data = yaml.safe_load((ROOT / "grading.yml").read_text(encoding="utf-8"))
    data["sandbox"]["namespaces"] = False
    data["defaults"]["call_timeout"] = 1.5
    path = tmp_path_factory.mktemp("cfg") / "grading.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return config.load(path, root=ROOT)


def _readable_by_others(path: str) -> bool:
    """Whether another user can reach ``path``: every folder on the way traversable, the file readable."""
    p = os.path.realpath(path)
    while p != "/":
        if not os.stat(p).st_mode & 0o001:
            return False
        p = os.path.dirname(p)
    return True


def test_reference_full_marks_as_the_sandbox_user(no_namespaces):
    # a01-a05 need only numpy, which the zygote imports before any worker drops its privileges.
    only = [a for a in no_namespaces.assignments if a != "a06_fashion_mnist"]
    r = engine.grade(ROOT / "reference", no_namespaces, only=only)
    assert r.score == r.max_score
    assert r.sandbox["namespaces"] is False and r.sandbox["user"] == "nobody" and r.sandbox["uid"] != 0


def test_keras_lab_as_the_sandbox_user(no_namespaces):
    """Without namespaces nothing re-exposes the Python installation to the sandbox user, so its
    site-packages must be readable by others (true for /usr, /opt venvs, Gradescope's image;
    false for a Python under /root, as on the development machine, where this is skipped)."""
    import keras

    if not _readable_by_others(keras.__file__):
        pytest.skip(f"{keras.__file__} is not readable by other users (a Python under a private folder)")
    r = engine.grade(ROOT / "reference", no_namespaces, only=["a06_fashion_mnist"])
    assert r.score == r.max_score, [t.output[:300] for a in r.assignments for t in a.tests if t.status != "passed"]


@pytest.mark.parametrize("name", ["hostile/fork_setsid", "hostile/os_exit_in_call", "hostile/loop_in_call"])
def test_hostile_entries_keep_their_grade(no_namespaces, tmp_path, name):
    entry = next(e for e in entries() if e.id == name)
    r = engine.grade(build(entry, tmp_path, {"ROOT": ROOT}), no_namespaces)
    for aid, want in entry.spec["expect"].items():
        a = next(a for a in r.assignments if a.id == aid)
        lost = {t.nodeid.split("::")[-1].split("[")[0] for t in a.tests if t.status != "passed"}
        assert lost == set(want.get("failed", lost)), (aid, lost)
        if "score" in want:
            assert a.score == want["score"]
    assert not _worker_processes()

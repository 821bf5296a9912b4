"""As root without namespaces (a container without CAP_SYS_ADMIN, e.g. Gradescope's), the
worker still drops to the submission's own uid, the grade is the same, the JSON says what was
missing, and children that escape with setsid are still killed (the subreaper sweep, then the
uid sweep)."""
from __future__ import annotations

import os

import pytest

from corpus import ROOT, build, entries
from grader.run import engine
from test_corpus import _worker_processes

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the user switch needs root")


@pytest.fixture(scope="module")
def no_namespaces(fast_config_uid):
    return fast_config_uid


def test_reference_full_marks_as_the_sandbox_user(no_namespaces):
    # a01-a05 need only numpy, which the zygote imports before any worker drops its privileges.
    only = [a for a in no_namespaces.assignments if a != "a06_fashion_mnist"]
    r = engine.grade(ROOT / "reference", no_namespaces, only=only)
    assert r.score == r.max_score
    first, count = no_namespaces.sandbox_uids
    assert r.sandbox["namespaces"] is False and r.sandbox["mode"] == "uid"
    assert first <= r.sandbox["uid"] < first + count


def test_keras_lab_as_the_sandbox_user(no_namespaces):
    """Without namespaces nothing re-exposes the Python installation to the sandbox uid, so its
    site-packages must be readable by others (true for /usr, /opt venvs, Gradescope's image; on the
    development machine the fixture makes a Python under /root so for the session)."""
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

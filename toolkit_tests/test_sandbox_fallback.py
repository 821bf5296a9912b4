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


def test_reference_full_marks_as_the_sandbox_user(no_namespaces):
    r = engine.grade(ROOT / "reference", no_namespaces)
    assert r.score == r.max_score
    assert r.sandbox["namespaces"] is False and r.sandbox["user"] == "nobody" and r.sandbox["uid"] != 0


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

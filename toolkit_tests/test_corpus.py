"""Every corpus submission gets exactly the grade its expect.yml states.

The corpus (toolkit_tests/corpus/) holds correct submissions written in other
styles, the untouched stubs, typical wrong submissions (one or more per hidden
test), broken ones (syntax error, bad import, wrong signature, non-UTF-8) and
hostile ones (exits, loops, bombs, forks, fake output, escapes).
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from corpus import ROOT, build, check, entries, is_root
from grader.run import engine
from proctree import is_zombie, table


def _worker_processes() -> list[str]:
    """Sandbox processes among this process's descendants.

    Orphans of a grading run are reparented to this process (the grader plugin makes
    it a child subreaper), so a leak shows up here, while other runs on the same
    machine (a concurrent CI, a TA grading) and this process's own live suite-mode
    workers (the hidden suites run against reference/ in the same session) do not.
    A process that has ended and waits here to be reaped (a zombie child of this process: the
    zygote and workers of a warm server that a fault test killed) ran nothing past its end: it
    is reaped, not counted.
    """
    procs = table(zombies=True)
    parent = {pid: proc[0] for pid, proc in procs.items()}
    cmd = {pid: proc[1] for pid, proc in procs.items()}
    ended = {pid for pid in procs if is_zombie(pid)}
    me = os.getpid()
    from grader.sandbox.procs import LIVE_WORKERS  # this process's own suite-mode zygote and workers, in use

    def mine(pid: int) -> bool:
        seen = set()
        while pid in parent and pid not in seen:
            if pid in LIVE_WORKERS:
                return False
            seen.add(pid)
            pid = parent[pid]
            if pid == me:
                return True
        return False

    found = [pid for pid, c in cmd.items()
             if ("grader.sandbox._worker" in c or "[dlgrader-worker]" in c or "[dlgrader-zygote]" in c) and mine(pid)]
    for pid in found:
        if pid in ended and parent.get(pid) == me:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
    return [f"{pid}: {cmd[pid]}" for pid in found if not (pid in ended and parent.get(pid) == me)]


SECRETS = {"GITHUB_TOKEN": "ghp_corpusSecretToken123", "DLGRADER_TEST_SECRET": "hunter2-corpus-secret"}


class Listener:
    """A loopback TCP server that counts connections (there must be none)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                pass

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.sock.close()


def _cases() -> list:
    """Each entry once per sandbox mode it names (``modes:``, default namespaces only): ``uid`` is a
    root grader without namespaces, as in a container without CAP_SYS_ADMIN."""
    out = []
    for e in entries():
        for mode in e.spec.get("modes", ["namespaces"]):
            out.append(pytest.param(e, mode, id=e.id if mode == "namespaces" else f"{e.id}[{mode}]"))
    return out


def _leftovers(first: int, count: int) -> list[str]:
    """Processes still running as a sandbox uid, and files a sandbox uid left in a world-writable folder.

    A uid another grading run holds a lease on right now (a second test run, a TA grading on the same
    machine) is that run's and not looked at."""
    from grader.sandbox import uids

    ours = {u for u in range(first, first + count) if not uids.leased(u)}
    found = [f"process {pid} of uid {ids[0]}" for pid, ids in uids.live_uids() if ours & set(ids)]
    # Where a sandbox uid can create anything at all (the grader's own sweep walks the same way).
    found += [f"{path} owned by uid {st.st_uid}" for path, st in uids.owned_entries(ours)]
    return found


def _victim(tmp_path, spec: dict) -> tuple[Path, list[str] | None, dict[str, str]]:
    victim = tmp_path / "class" / "victim"
    shutil.copytree(ROOT / "reference", victim, ignore=shutil.ignore_patterns("__pycache__"))
    if spec.get("victim") == "git":   # a classmate's clone, committed on time
        from corpus import git
        git(victim, "init", "-q", "-b", "main")
        git(victim, "add", "-A")
        git(victim, "commit", "-qm", "done", date="2026-09-20T10:00:00+09:00")
        return victim, spec.get("victim_assignments"), {
            "VICTIM_GIT": str(victim / ".git"),
            "VICTIM_HEAD": (victim / ".git" / "refs" / "heads" / "main").read_text().strip()}
    return victim, spec.get("victim_assignments"), {}


LATE_POLICY = {"timezone": "Asia/Seoul", "grace_minutes": 10, "penalty_per_day": 10, "max_penalty": 50}


def _grade_dated(entry, target: Path, cfg, tmp_path: Path, values: dict):
    """A repository or an entry with deadlines, graded as ``grade`` grades a class with them (the
    history picked commit by commit, late days applied): the CLI on a course whose grading.yml is the
    fixture's, with the entry's deadlines and late policy."""
    import yaml

    from corpus import _fill
    from grader import cli
    from grader.results import from_dict

    spec = entry.spec
    course = tmp_path / "course"
    course.mkdir()
    for name in ("tests", "reference"):
        (course / name).symlink_to(ROOT / name)
    data = yaml.safe_load(cfg.path.read_text(encoding="utf-8"))
    for aid, due in (spec.get("deadlines") or {}).items():
        data["assignments"][aid]["deadline"] = due
    data["late_policy"] = {**LATE_POLICY, **(spec.get("late_policy") or {})}
    (course / "grading.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    args = [str(target), "--config", str(course / "grading.yml"), "-f", "json", "-o", str(tmp_path / "out.json"),
            "--no-plots", "--no-cache", "--jobs", "1", "--offline"]
    for aid in spec.get("expect") or {}:
        args += ["-a", aid]
    if spec.get("times"):
        (tmp_path / "times.csv").write_text(_fill(spec["times"], values), encoding="utf-8")
        args += ["--times", str(tmp_path / "times.csv")]
    code = cli.main(args)
    assert code == 0, f"grade exited {code}"
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    return from_dict(data[0] if isinstance(data, list) else data)


@pytest.mark.parametrize("entry, mode", _cases())
def test_corpus_entry(entry, mode, request, tmp_path, monkeypatch):
    spec = entry.spec
    if (spec.get("root_only") or mode == "uid") and not is_root():
        pytest.skip("needs root: the uid switch and tmpfs covers only exist when the grader runs as root")
    fixture = "fast_config_short" if spec.get("training") == "short" else \
        "fast_config" if mode == "namespaces" else "fast_config_uid"
    cfg = request.getfixturevalue(fixture)
    expect = {**spec.get("expect", {}), **(spec.get(f"expect_{mode}") or {})}
    entry = type(entry)(entry.path, {**spec, "expect": expect})
    values = {"ROOT": ROOT}
    listener = Listener() if spec.get("listen") else None
    if listener:
        values["PORT"] = listener.port
    victim_file = victim = None
    victim_kind = {True: "after", "git": "after"}.get(spec.get("victim"), spec.get("victim"))
    if victim_kind:
        victim, victim_only, more = _victim(tmp_path, spec)
        values.update(more)
        victim_file = victim / "a01_perceptron" / "perceptron.py"
        before = victim_file.read_bytes()
        values["VICTIM"] = victim_file
    values["NAME"] = entry.path.name
    if spec.get("secrets"):
        for k, v in SECRETS.items():
            monkeypatch.setenv(k, v)
    concurrent: dict = {}
    tmp = Path(tempfile.gettempdir())
    scratch_before = set(tmp.glob("a06-model-*")) | set(tmp.glob("dlgrader-*"))
    try:
        target = build(entry, tmp_path / "class", values)
        if victim_kind == "concurrent":  # graded while the attack runs (it starts 1 s later)
            def grade_victim() -> None:
                time.sleep(1.0)
                concurrent["result"] = engine.grade(victim, cfg, only=victim_only)

            thread = threading.Thread(target=grade_victim)
            thread.start()
        if spec.get("git") or spec.get("deadlines"):
            result = _grade_dated(entry, target, cfg, tmp_path, values)
        else:
            result = engine.grade(target, cfg)
        if victim_kind == "concurrent":
            thread.join()
    finally:
        if listener:
            listener.close()
    problems = check(entry, result)
    if listener and listener.connections:
        problems.append(f"student code reached a loopback server {listener.connections} time(s)")
    if spec.get("secrets"):
        dump = json.dumps(result.to_dict())
        problems += [f"secret {k} leaked into the results" for k, v in SECRETS.items() if v in dump]
    if victim_kind:
        if victim_file.read_bytes() != before:
            problems.append("the attack changed another submission's file")
        victim_result = concurrent.get("result") or engine.grade(victim, cfg, only=victim_only)
        if victim_result.score != victim_result.max_score or victim_result.grader_errors:
            lost = [f"{t.nodeid}: {t.output[:200]}" for a in victim_result.assignments for t in a.tests
                    if t.status != "passed"]
            problems.append(f"the victim ({victim_kind}) scored {victim_result.score}/{victim_result.max_score} "
                            f"beside the attack: {lost[:3]} {victim_result.grader_errors[:2]}")
    if is_root():
        problems += [f"left behind: {x}" for x in _leftovers(*cfg.sandbox_uids)[:5]]
    scratch_after = set(tmp.glob("a06-model-*")) | set(tmp.glob("dlgrader-*"))
    problems += [f"temporary folder left behind: {p}" for p in sorted(scratch_after - scratch_before)
                 if p.name not in ("dlgrader-sandbox", "dlgrader-uids")][:3]
    assert not problems, f"{entry.id} ({spec.get('about', '')}):\n" + "\n".join(problems)
    assert not _worker_processes(), "a sandboxed worker process outlived grading"


def test_after_the_corpus_no_sandbox_uid_owns_anything_anywhere(fast_config):
    """Each entry's check walks only where a sandbox uid can write (the grader's own sweep rule, quick
    on a crowded /tmp). Once, after every entry has run, a full walk of the world-writable trees
    checks that rule itself: a file a uid left in a place the rule thinks unreachable shows up here."""
    if not is_root():
        pytest.skip("sandbox uids exist only when the grader runs as root")
    from grader.sandbox import uids

    first, count = fast_config.sandbox_uids
    ours = {u for u in range(first, first + count) if not uids.leased(u)}
    found = []
    for root in uids.WORLD_WRITABLE:
        for dirpath, dirnames, filenames in os.walk(root):
            for name in dirnames + filenames:
                try:
                    owner = os.lstat(os.path.join(dirpath, name)).st_uid
                except OSError:
                    continue
                if owner in ours:
                    found.append(f"{os.path.join(dirpath, name)} owned by uid {owner}")
    assert not found, found[:5]


def test_every_hidden_test_is_caught_by_some_wrong_submission(real_config):
    """Each hidden test function fails for at least one real mistake in corpus/wrong."""
    caught: dict[str, set[str]] = {aid: set() for aid in real_config.assignments}
    for entry in entries("wrong"):
        for aid, want in (entry.spec.get("expect") or {}).items():
            caught[aid].update(want.get("failed", []))
    uncaught = {aid: sorted(set(a.tests) - caught[aid]) for aid, a in real_config.assignments.items()}
    uncaught = {k: v for k, v in uncaught.items() if v}
    assert not uncaught, f"hidden tests no wrong submission fails: {uncaught}"


def test_wrong_submissions_lose_points_only_in_their_assignment():
    for entry in entries("wrong"):
        expect = entry.spec["expect"]
        losing = [aid for aid, want in expect.items() if want.get("failed")]
        if entry.spec.get("spans_assignments"):  # one mistake a later assignment inherits through an import
            continue
        assert len(losing) == 1, f"{entry.id}: a wrong submission should make one mistake in one assignment"


def test_real_entries_say_why_each_point_is_lost(real_config):
    """Real public code is the grader's proof on code nobody here wrote: each of its entries states the exact
    grade, its source and licence, and for every test losing points the reason a careful TA takes them."""
    real = entries("real")
    assert len(real) >= 30, f"{len(real)} real-code entries; the corpus keeps at least 30"
    for entry in real:
        files = [p for p in (entry.path / "files").rglob("*.py")]
        headers = [p.read_text(encoding="utf-8") for p in files]
        assert files and all("# Source: " in h and "# Licence: " in h for h in headers), \
            f"{entry.id}: every file names its source and licence in its header"
        assert list((entry.path / "files").glob("LICENSE*")), f"{entry.id}: the licence text travels with the code"
        for aid, want in entry.spec["expect"].items():
            assert "score" in want, f"{entry.id}: {aid} has no exact expected score"
            full = want["score"] == real_config.assignments[aid].max_score
            assert full or (want.get("failed") and set(want.get("why") or {}) == set(want["failed"])), \
                f"{entry.id}: {aid} loses points; list them under `failed` and say why for each under `why`"


def test_every_hint_has_an_entry_that_shows_it_and_one_that_must_not():
    """A hint is trusted only if some corpus entry proves it appears for its cause and another (a
    different bug with a similar symptom) proves it stays away: each ``" Hint: ..."`` text in the
    hidden suites is matched by a ``messages`` needle of one entry and an ``absent`` needle of another."""
    import re

    def joined(source: str) -> str:  # "one literal "\n    "continued" -> one literal
        return re.sub(r'"\s*\n\s*"', "", source)

    texts = {m.group(1) for p in (ROOT / "tests").rglob("test_*.py")
             for m in re.finditer(r'" Hint: ([^"]+)"', joined(p.read_text(encoding="utf-8")))}
    shown: dict[str, set[str]] = {t: set() for t in texts}
    kept_away: dict[str, set[str]] = {t: set() for t in texts}
    for entry in entries():
        for want in (entry.spec.get("expect") or {}).values():
            for t in texts:
                shown[t] |= {entry.id for n in want.get("messages", []) if len(n) >= 10 and n in t}
                kept_away[t] |= {entry.id for n in want.get("absent", []) if len(n) >= 10 and n in t}
    missing = {t[:50]: (sorted(shown[t])[:2], sorted(kept_away[t])[:2]) for t in texts
               if not shown[t] or not kept_away[t] or shown[t] == kept_away[t]}
    assert not missing, f"hints without a must-appear and a must-not-appear entry: {missing}"

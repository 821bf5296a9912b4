"""The warm oracle (grader/run/warm.py, grader/oracle/warm.py): a class graded through one warm server
per job slot gives every submission the grade it gets alone, whatever was graded before it.

The corpus grades each entry alone, through a cold oracle (test_corpus.py). Here the corpus's hostile
and broken entries for the numpy labs go through ONE warm server (``--jobs 1``), each between two
copies of the reference, and then the entries alone in the reverse order, each right after another
attack. Every entry must get exactly its recorded grade both times and every reference copy full
marks: an attack that left state in the server, its spare oracle or its zygote (a patched module, a
planted file, a process, a cached value) would show as a changed grade of whatever came next.
"""
from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from corpus import ROOT, build, check, entries, is_root
from grader.results import SubmissionResult
from grader.run import batch, engine, warm

NUMPY_LABS = {"a01_perceptron", "a02_activations", "a03_losses", "a04_gradient", "a05_backprop",
              "a09_forward_pass", "a10_optimizers", "a11_cnn_layers"}
# What a class run cannot reproduce for one entry: a neighbour it attacks or a server it calls (the
# corpus test sets those up), a git history or deadlines (graded commit by commit by the pipeline),
# the test's own environment (secrets).
SOLO = ("victim", "listen", "secrets", "git", "dotgit", "dotgit_only", "deadlines", "times", "training")


def _entries() -> list:
    chosen = []
    for e in entries("hostile") + entries("broken"):
        spec = e.spec
        # An attack on whoever is graded after it (survivor threads) needs no victim of its own here:
        # the reference copy after it is that victim.
        after = spec.get("victim") == "after" and "VICTIM" not in (e.path / "expect.yml").read_text(encoding="utf-8")
        if any(spec.get(k) for k in SOLO if not (k == "victim" and after)) or \
                not set(spec.get("expect") or {}) <= NUMPY_LABS:
            continue
        if spec.get("root_only") and not is_root():
            continue
        # In the namespace mode (fast_config's), with that mode's expectations where an entry has its own.
        chosen.append(type(e)(e.path, {**spec, "expect": {**spec.get("expect", {}),
                                                          **(spec.get("expect_namespaces") or {})}}))
    return chosen


def _reference(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for lab in sorted(NUMPY_LABS):
        shutil.copytree(ROOT / "reference" / lab, dest / lab, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


@pytest.fixture(scope="module")
def klass(tmp_path_factory) -> tuple[list[Path], dict[Path, object]]:
    """Entry, reference, entry, reference, ...: the paths in grading order and each path's entry
    (None for a reference copy)."""
    root = tmp_path_factory.mktemp("warm")
    paths: list[Path] = []
    owner: dict[Path, object] = {}
    values = {"ROOT": ROOT}
    for i, e in enumerate(_entries()):
        target = build(e, root / f"e{i:03d}", {**values, "NAME": e.path.name})
        paths.append(target)
        owner[target] = e
        ref = _reference(root / f"r{i:03d}" / "reference")
        paths.append(ref)
        owner[ref] = None
    return paths, owner


def _problems(paths: list[Path], owner: dict[Path, object], results: list[SubmissionResult]) -> list[str]:
    problems = []
    for path, result in zip(paths, results, strict=True):
        entry = owner[path]
        if entry is None:
            graded = [a for a in result.assignments if a.id in NUMPY_LABS]
            if any(a.score != a.max_score for a in graded) or result.grader_errors:
                problems.append(f"{path.parent.name} (the reference) after its neighbour: "
                                f"{[(a.id, a.score) for a in graded if a.score != a.max_score]} "
                                f"{result.grader_errors[:2]}")
        else:
            problems += [f"{entry.id}: {p}" for p in check(entry, result)]
    return problems


def _grade(paths: list[Path], cfg) -> list[SubmissionResult]:
    results, _ = batch.grade_many(paths, cfg, sorted(NUMPY_LABS), cfg.language, jobs=1, cache=None)
    return results


def test_the_entries_cover_the_attacks_on_state():
    """The selection is not empty and holds the attacks that try to outlive their grading."""
    ids = {e.id for e in _entries()}
    assert len(ids) >= 20, ids
    assert {"hostile/fork_setsid", "hostile/monkeypatch_testing", "hostile/fake_results", "hostile/memory_bomb",
            "hostile/loop_at_import", "hostile/read_reference", "hostile/oracle_cmdline", "hostile/survivor_threads",
            "hostile/signal_death", "hostile/disk_fill", "broken/syntax_error"} <= ids, sorted(ids)


def test_every_entry_keeps_its_grade_through_one_warm_server_in_both_orders(klass, fast_config):
    """Forward, each entry followed by a reference copy (its victim, were it to leave state behind);
    then the entries alone in reverse order, each right after another attack."""
    paths, owner = klass
    forward = _grade(paths, fast_config)
    assert not (problems := _problems(paths, owner, forward)), "\n".join(problems)
    attacks = [p for p in paths if owner[p] is not None][::-1]
    backward = _grade(attacks, fast_config)
    assert not (problems := _problems(attacks, owner, backward)), "\n".join(problems)
    # The same submission, the same grade and the same tests losing points, whatever came before it.
    # (Not each test's status: how a memory bomb ends, a failed check or a killed worker, is the
    # kernel's timing, with the same points either way.)
    def grade(r: SubmissionResult) -> list:
        return [(x.id, x.score, sorted(t.nodeid for t in x.tests if t.status != "passed")) for x in r.assignments]

    alone = {r.submission: grade(r) for r in backward}
    for r in forward:
        if r.submission in alone:
            assert grade(r) == alone[r.submission], r.submission


def test_a_stopped_server_is_replaced_and_its_submission_is_a_grader_problem(fast_config, tmp_path, monkeypatch):
    """Without root and namespaces a worker runs as the grader's user and can stop the warm server
    (SIGSTOP): the submission that finds it silent is a grader problem (no grade, regraded next run),
    the server is killed, and the next submission gets a new one instead of waiting forever."""
    monkeypatch.setattr(warm, "ANSWER_WITHIN", 3.0)
    pool = warm.Pool(engine.warm_spec(fast_config), 1)
    ref = _reference(tmp_path / "r" / "reference")
    try:
        with pool.server() as first:
            pass
        os.kill(first.pid, signal.SIGSTOP)
        hit = engine.grade(ref, fast_config, only=["a01_perceptron"], oracles=pool)
        assert hit.score is None and "did not answer" in " ".join(hit.grader_errors), hit.grader_errors
        assert first.proc.poll() is not None  # killed, not left stopped
        again = engine.grade(ref, fast_config, only=["a01_perceptron"], oracles=pool)
        assert again.score == again.max_score == 20 and not again.grader_errors
    finally:
        pool.close()

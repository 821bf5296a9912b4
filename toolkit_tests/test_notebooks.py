"""Notebook submissions grade exactly like their .py twins; malformed notebooks get named messages.

Each twin is built from a corpus entry: every assignment file becomes a Colab-style
notebook (Colab metadata, ``!pip``/``%matplotlib`` lines, a markdown cell, one cell
per top-level statement, a demo cell that prints and plots, and for a06 a top-level
``model.fit(...)`` on data that does not exist, which would fail if it ran), the
``.py`` is removed, and the grade must meet the entry's own expect.yml.
"""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from corpus import COLAB, ROOT, build, check, entries
from corpus import to_notebook as corpus_to_notebook
from grader.run import engine

TWINS = ["correct/reference", "correct/stubs", "correct/flat_other_style", "correct/a06_functional_api",
         "examples/lee_junho", "wrong/softmax_no_shift", "wrong/cee_slide_without_delta", "wrong/gradient_1d_only",
         "wrong/net_gradient_doubled", "wrong/xor_lookup", "wrong/a06_dropout_after_128", "broken/wrong_signature"]


def to_notebook(py: Path) -> Path:
    """The corpus's converter, plus for a06 a top-level training run on data that does not exist
    (it would fail if it ran)."""
    extra = ["model = build_model()\nhistory = model.fit(train_images_never_defined, train_labels, epochs=EPOCHS)"] \
        if py.stem == "fashion_mnist_lab" else []
    return corpus_to_notebook(py, extra)


@pytest.mark.parametrize("eid", TWINS)
def test_notebook_twin_scores_as_its_py_twin(eid, fast_config, tmp_path):
    entry = next(e for e in entries() if e.id == eid)
    target = build(entry, tmp_path / "class", {"ROOT": ROOT})
    converted = [to_notebook(py) for a in fast_config.assignments.values() for f in a.files
                 for py in (target / a.id / f, target / f) if py.is_file()]
    assert converted, f"{eid}: nothing to convert"
    result = engine.grade(target, fast_config)
    problems = check(entry, result)
    assert not problems, f"{eid} as notebooks:\n" + "\n".join(problems)
    messages = "\n".join(a.message for a in result.assignments)
    assert "ignored 3 shell (!) and magic (%) lines" in messages and "top-level statements not run" in messages


def shutil_copy_reference(sub: Path) -> None:
    import shutil

    for aid in ("a01_perceptron", "a02_activations"):
        shutil.copytree(ROOT / "reference" / aid, sub / aid, ignore=shutil.ignore_patterns("__pycache__"))


def _v4(cells: list) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": COLAB, "cells": cells})


def _code(src: str) -> dict:
    return {"cell_type": "code", "metadata": {}, "source": src, "outputs": [], "execution_count": None}


def test_py_beside_notebook_wins_and_feedback_says_so(fast_config, tmp_path):
    sub = tmp_path / "student"
    shutil_copy_reference(sub)
    (sub / "a02_activations" / "activations.ipynb").write_text(_v4([_code("def softmax(x):\n    return x")]))
    r = engine.grade(sub, fast_config, only=["a02_activations"])
    a = r.assignments[0]
    assert a.score == a.max_score and "activations.py was graded, the notebook ignored" in a.message


# ------------------------------------------------------------ generated student notebooks
from grader.tools import make_notebooks  # noqa: E402

GENERATED = make_notebooks.targets(ROOT)


def test_generated_notebooks_are_in_sync_with_the_stubs(tmp_path):
    assert make_notebooks.main(["--root", str(ROOT), "--check"]) == 0, "run `grade make-notebooks` and commit"
    import shutil

    copy = tmp_path / "grader"
    copy.mkdir()
    for name in ("grading.yml", "assignments", "notebooks", "tests"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, copy / name)
    stub = copy / "assignments" / "a02_activations" / "activations.py"
    stub.write_text(stub.read_text(encoding="utf-8") + "\nTOLERANCE = 1e-7  # a TA's edit\n", encoding="utf-8")
    assert make_notebooks.main(["--root", str(copy), "--check"]) == 1
    assert make_notebooks.main(["--root", str(copy)]) == 0
    assert make_notebooks.main(["--root", str(copy), "--check"]) == 0


@pytest.mark.parametrize("stub, path, text", GENERATED, ids=[p.name for _, p, _ in GENERATED])
def test_generated_notebook_runs_top_to_bottom_raising_only_not_implemented(stub, path, text):
    from nbclient import NotebookClient

    nb = nbformat.reads(text, as_version=4)
    # The stub's own folder as the kernel's working directory: a05's two notebooks import each other's module.
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(stub.parent)}}).execute()
    printed = "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    results = [ln for ln in printed.splitlines() if ln.startswith(("ok ", "FAIL "))]
    assert results, printed[-2000:]
    failures = [ln for ln in results if ln.startswith("FAIL")]
    assert failures and all("NotImplementedError" in ln for ln in failures), failures


@pytest.mark.parametrize("aid",
                         ["a02_activations", "a05_backprop", "a09_forward_pass", "a11_cnn_layers", "a10_optimizers",
                                 "a06_fashion_mnist"])
def test_generated_notebook_filled_in_gets_full_marks(aid, fast_config, tmp_path):
    """The notebook made from the reference (the stub with its TODOs done) grades as the reference."""
    a = fast_config.assignments[aid]
    sub = tmp_path / "student" / aid
    sub.mkdir(parents=True)
    for f in a.files:
        nb = make_notebooks.build(ROOT / "reference" / aid / f, ("t", "t"), None)
        nbformat.write(nb, str(sub / f.replace(".py", ".ipynb")))
    r = engine.grade(sub.parent, fast_config, only=[aid])
    assert r.assignments[0].score == a.max_score, [t.output[:300] for t in r.assignments[0].tests
                                                   if t.status != "passed"]

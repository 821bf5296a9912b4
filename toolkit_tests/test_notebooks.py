"""Notebook submissions grade exactly like their .py twins; malformed notebooks get named messages.

Each twin is built from a corpus entry: every assignment file becomes a Colab-style
notebook (Colab metadata, ``!pip``/``%matplotlib`` lines, a markdown cell, one cell
per top-level statement, a demo cell that prints and plots, and for a06 a top-level
``model.fit(...)`` on data that does not exist, which would fail if it ran), the
``.py`` is removed, and the grade must meet the entry's own expect.yml.
"""
from __future__ import annotations

import ast
import json
from pathlib import Path

import nbformat
import pytest

from corpus import ROOT, build, check, entries
from grader import engine

TWINS = ["correct/reference", "correct/stubs", "correct/flat_other_style", "correct/a06_functional_api",
         "examples/lee_junho", "wrong/softmax_no_shift", "wrong/cee_slide_without_delta", "wrong/gradient_1d_only",
         "wrong/net_gradient_doubled", "wrong/xor_lookup", "wrong/a06_dropout_after_128", "broken/wrong_signature"]

COLAB = {"colab": {"provenance": [], "name": "lab.ipynb"}, "accelerator": "GPU",
         "kernelspec": {"name": "python3", "display_name": "Python 3"}, "language_info": {"name": "python"}}


def to_notebook(py: Path) -> Path:
    """Write ``py`` as a Colab-style notebook beside it and delete the .py."""
    source = py.read_text(encoding="utf-8")
    lines = source.splitlines()
    cells = [nbformat.v4.new_markdown_cell(f"# {py.stem}\n과제 노트북 / assignment notebook"),
             nbformat.v4.new_code_cell("!pip install -q numpy\n%matplotlib inline\n%load_ext autoreload")]
    for node in ast.parse(source).body:
        start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        cells.append(nbformat.v4.new_code_cell("\n".join(lines[start - 1:node.end_lineno])))
    # (no `import matplotlib` here: kept imports run, and its ~1 s import would race the corpus's 1.5 s call limit)
    cells.append(nbformat.v4.new_code_cell("print('demo / 데모')\nplt.plot([0, 1])\nplt.show()"))
    if py.stem == "fashion_mnist_lab":
        cells.append(nbformat.v4.new_code_cell(
            "model = build_model()\nhistory = model.fit(train_images_never_defined, train_labels, epochs=EPOCHS)"))
    nb = nbformat.v4.new_notebook(cells=cells, metadata=COLAB)
    target = py.with_suffix(".ipynb")
    nbformat.write(nb, str(target))
    py.unlink()
    return target


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


def _nb_file(tmp_path: Path, name: str, text: str) -> Path:
    sub = tmp_path / "student"
    shutil_copy_reference(sub)
    (sub / "a02_activations" / "activations.py").unlink()
    (sub / "a02_activations" / name).write_text(text, encoding="utf-8")
    return sub


def shutil_copy_reference(sub: Path) -> None:
    import shutil

    for aid in ("a01_perceptron", "a02_activations"):
        shutil.copytree(ROOT / "reference" / aid, sub / aid, ignore=shutil.ignore_patterns("__pycache__"))


def _v4(cells: list) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": COLAB, "cells": cells})


def _code(src: str) -> dict:
    return {"cell_type": "code", "metadata": {}, "source": src, "outputs": [], "execution_count": None}


MALFORMED = {
    "invalid JSON": ('{"cells": [', "error", "is not a valid notebook (invalid JSON"),
    "nbformat 3": (json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": []}), "error",
                   "notebook format version 3; only version 4"),
    "a cell that does not parse": (
        _v4([_code((ROOT / "reference/a02_activations/activations.py").read_text(encoding="utf-8")),
             _code("def leftover(:\n    pass")]), "graded", "cell 2 (line 1: invalid syntax)"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_notebook_gets_a_named_message_and_the_rest_is_graded(case, fast_config, tmp_path):
    text, status, needle = MALFORMED[case]
    sub = _nb_file(tmp_path, "activations.ipynb", text)
    r = engine.grade(sub, fast_config, only=["a01_perceptron", "a02_activations"])
    a01, a02 = r.assignments
    assert a01.status == "graded" and a01.score == a01.max_score  # the rest of the submission
    assert a02.status == status and needle in a02.message, a02.message
    if status == "graded":
        assert a02.score == a02.max_score  # the broken cell only held an extra function


def test_py_beside_notebook_wins_and_feedback_says_so(fast_config, tmp_path):
    sub = tmp_path / "student"
    shutil_copy_reference(sub)
    (sub / "a02_activations" / "activations.ipynb").write_text(_v4([_code("def softmax(x):\n    return x")]))
    r = engine.grade(sub, fast_config, only=["a02_activations"])
    a = r.assignments[0]
    assert a.score == a.max_score and "activations.py was graded, the notebook ignored" in a.message


# ------------------------------------------------------------ generated student notebooks
from grader import make_notebooks  # noqa: E402

GENERATED = make_notebooks.targets(ROOT)


def test_generated_notebooks_are_in_sync_with_the_stubs(tmp_path):
    assert make_notebooks.main(["--root", str(ROOT), "--check"]) == 0, "run `grade make-notebooks` and commit"
    import shutil

    copy = tmp_path / "grader"
    copy.mkdir()
    for name in ("grading.yml", "assignments", "notebooks"):
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


@pytest.mark.parametrize("aid", ["a02_activations", "a05_backprop", "a06_fashion_mnist"])
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

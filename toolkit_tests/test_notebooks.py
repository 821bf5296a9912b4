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

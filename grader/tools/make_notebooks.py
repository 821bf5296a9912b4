"""Student notebooks generated from the ``.py`` stubs: ``grade make-notebooks [--check]``.

One notebook per stub file, ``notebooks/<id>/<stem>.ipynb``, for students who work
in Colab. They live apart from ``assignments/`` on purpose: a repository holding both
``X.py`` and ``X.ipynb`` is graded on the ``.py`` (the issue's rule), so a Colab
student whose template still had the untouched stub would score 0. Cells:

1. markdown: the assignment's title (Korean and English) and the stub's own
   bilingual docstring (the instructions);
2. one code cell per top-level definition of the stub (imports, constants,
   functions, classes), verbatim, so the ``TODO`` fences and the
   ``NotImplementedError`` lines are exactly the stub's;
3. the stub's ``if __name__ == "__main__":`` block, if any, behind a
   ``RUN_DEMO = False`` switch, so running the notebook top to bottom never
   downloads data or trains;
4. the public tests (from ``test_*_public.py``, minus their import of the stub
   module, which the notebook itself defines) and a small runner that reports
   each test as ok or with its exception, so the notebook runs to the end.

Graded as a submission, such a notebook keeps the definitions and the switch
and leaves the demo and the tests out (grader/submissions/notebooks.py). The output is
deterministic (fixed cell ids, no outputs), so ``--check`` can tell a notebook
that is out of date with its stub.
"""
from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

import nbformat

from grader import config
from grader.submissions.notebooks import statement_source

RUNNER = '''# 공개 테스트 실행 / run the public tests (pytest's parametrize is expanded here)
for _name, _fn in list(globals().items()):
    if not (_name.startswith("test_") and callable(_fn)):
        continue
    _cases = [{}]
    for _mark in getattr(_fn, "pytestmark", []):
        if _mark.name == "parametrize":
            _names = _mark.args[0].split(",") if isinstance(_mark.args[0], str) else list(_mark.args[0])
            _names = [n.strip() for n in _names]
            _cases = [{**c, **dict(zip(_names, v if len(_names) > 1 else (v,)))} for c in _cases for v in _mark.args[1]]
    for _kw in _cases:
        try:
            _fn(**_kw)
            print(f"ok    {_name} {_kw or ''}")
        except Exception as _exc:  # NotImplementedError until you fill in the TODOs
            print(f"FAIL  {_name} {_kw or ''}: {type(_exc).__name__}: {_exc}")'''


def _segments(source: str) -> tuple[str | None, list[str], str | None]:
    """(module docstring, code cells, body of the __main__ block).

    Comments travel with the code: the lines between two statements belong to the
    second, except comment lines right after a statement (an ``END TODO`` fence),
    which stay with it. Consecutive simple statements (imports, constants) share a
    cell; each function or class gets its own.
    """
    tree = ast.parse(source)
    lines = source.splitlines()
    doc = ast.get_docstring(tree)
    cells: list[list[str]] = []
    main: str | None = None
    previous_end = 0
    simple_run = False
    for node in tree.body:
        end = node.end_lineno or node.lineno
        while end < len(lines) and lines[end].strip().startswith("#"):
            end += 1  # trailing comment lines (no blank line between) belong to this statement
        chunk = lines[previous_end:end]
        previous_end = end
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            continue  # the docstring goes to the markdown cell
        if isinstance(node, ast.If) and "__name__" in ast.unparse(node.test):
            body = lines[node.body[0].lineno - 1:node.end_lineno]
            main = "\n".join(ln[4:] if ln.startswith("    ") else ln for ln in body)
            simple_run = False
            continue
        text = "\n".join(chunk).strip("\n")
        is_simple = not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For,
                                          ast.While, ast.With, ast.Try))
        if is_simple and simple_run and cells:
            cells[-1].append(text)
        else:
            cells.append([text])
        simple_run = is_simple
    return doc, ["\n".join(c) for c in cells], main


def _public_tests(test_file: Path, module: str) -> str:
    """The public tests without their import of the stub module (the notebook defines it)."""
    source = test_file.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines()
    kept = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == module:
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue
        kept.append(statement_source(lines, node))
    return "\n\n\n".join(kept)


def build(stub: Path, title: tuple[str, str], public: Path | None) -> nbformat.NotebookNode:
    doc, parts, main = _segments(stub.read_text(encoding="utf-8"))
    cells = [nbformat.v4.new_markdown_cell(f"# {title[0]}\n## {title[1]}\n\n```text\n{doc or ''}\n```")]
    cells.append(nbformat.v4.new_markdown_cell(
        "`TODO` 부분을 채운 뒤 위에서부터 차례로 실행하세요. 채점에는 정의(import, 함수, 클래스, 상수)만 쓰이고, "
        "학습·출력 같은 최상위 실행 코드는 쓰이지 않습니다.\n\n"
        "Fill in the `TODO` parts, then run the cells top to bottom. Grading uses the definitions "
        "(imports, functions, classes, constants) only; top-level runs such as training or prints are left out."))
    cells += [nbformat.v4.new_code_cell(p) for p in parts]
    if main is not None:
        cells.append(nbformat.v4.new_code_cell(
            "# 직접 실행해 보기 (채점에는 쓰이지 않습니다) / try it yourself (not used for grading)\n"
            "RUN_DEMO = False  # True로 바꾸면 실행 / set True to run\n"
            "if RUN_DEMO:\n" + "\n".join("    " + ln if ln else "" for ln in main.splitlines())))
    if public is not None and public.is_file():
        cells.append(nbformat.v4.new_code_cell(_public_tests(public, stub.stem)))
        cells.append(nbformat.v4.new_code_cell(RUNNER))
    for i, cell in enumerate(cells):
        cell["id"] = f"{stub.stem}-{i:02d}"  # deterministic, so --check compares text
    metadata = {"colab": {"provenance": []}, "kernelspec": {"name": "python3", "display_name": "Python 3"},
                "language_info": {"name": "python"}}
    return nbformat.v4.new_notebook(cells=cells, metadata=metadata)


def targets(root: Path) -> list[tuple[Path, Path, str]]:
    """(stub, notebook path, rendered text) for every stub file named in grading.yml."""
    cfg = config.load(root / "grading.yml")
    out = []
    for aid, a in cfg.assignments.items():
        folder = root / "assignments" / aid
        publics = sorted(folder.glob("test_*_public.py"))
        for name in a.files:
            stub = folder / name
            title = (a.title.ko, a.title.en)
            nb = build(stub, title, publics[0] if publics else None)
            out.append((stub, root / "notebooks" / aid / f"{stub.stem}.ipynb", nbformat.writes(nb) + "\n"))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="grade make-notebooks",
                                description="Write a Colab notebook for every assignment stub into notebooks/.")
    p.add_argument("--root", default=".", help="the grader's folder (grading.yml, assignments/)")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if a notebook is out of date")
    args = p.parse_args(argv)
    stale = []
    for _stub, path, text in targets(Path(args.root)):
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if args.check and stale:
        for path in stale:
            print(f"out of date: {path} (run `grade make-notebooks`)", file=sys.stderr)
        return 1
    return 0

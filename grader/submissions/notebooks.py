"""Notebook submissions: a student's ``.ipynb`` graded exactly like the same code in a ``.py``.

Students work in Colab, so notebooks come full of ``!pip install``, ``%matplotlib
inline``, demo prints and a top-level ``model.fit(...)``. :func:`convert` reads a
notebook with nbformat and builds the module the grader imports:

* shell (``!``) and magic (``%``) lines become ``pass`` (keeping the code's shape);
  a cell that starts with a cell magic (``%%``) is left out whole;
* from each code cell's top level it keeps imports, function and class
  definitions, ``try`` blocks of those, and assignments whose value calls nothing
  except a few pure constructors (``np.array``, ``range``, ...), e.g. ``EPOCHS = 10``;
  everything else (training runs, plots, prints, ``if __name__ == "__main__":``)
  is left out, unless grading.yml sets ``notebook: {run_all: true}`` for the
  assignment, which keeps every statement;
* a cell that does not parse is left out, named in the feedback.

What was left out is reported as bilingual notes in the assignment's message.
A notebook that is not valid JSON or not nbformat 4 raises :class:`NotebookError`.
"""
from __future__ import annotations

import ast
import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from grader.messages import Message, msg

# Calls allowed on the right of a kept assignment: they build values and have no effects.
PURE_CALLS = {"np.array", "np.asarray", "np.zeros", "np.ones", "np.arange", "np.linspace", "np.eye", "np.full",
              "numpy.array", "numpy.asarray", "range", "tuple", "list", "dict", "set", "frozenset", "int",
              "float", "str", "bool", "complex"}
_SHELL = re.compile(r"^\s*(?:[A-Za-z_][A-Za-z0-9_]*\s*=\s*)?[!%]")
# The notebook is parsed here, in the trusted process, so it is bounded before it is parsed: a 16 KB
# zip can hold a 7 MB cell, whose syntax tree took the grader to 2 GB. A real Colab notebook of the
# course is under 2 MB with outputs; its longest code cell a few thousand characters.
MAX_NOTEBOOK_BYTES = 20 * 2**20
MAX_CELL_CHARS = 100_000
MAX_CODE_CHARS = 2_000_000


class NotebookError(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


@dataclass
class Converted:
    source: str
    left_out: list[str] = field(default_factory=list)   # "cell 4: model.fit(...)"
    shell_lines: list[str] = field(default_factory=list)  # "!pip install numpy"
    broken_cells: list[str] = field(default_factory=list)  # "cell 3 (line 2: invalid syntax)"
    long_cells: list[str] = field(default_factory=list)    # "cell 4 (7,000,000 characters)"

    def notes(self, name: str) -> list[Message]:
        out = []
        if self.broken_cells:
            cells = "; ".join(self.broken_cells)
            out.append(msg(f"{name}: 문법 오류가 있는 셀을 제외했습니다: {cells}. 그 셀에서 정의한 것은 채점에 "
                           "없습니다.",
                           f"{name}: cells with a syntax error were left out: {cells}. Nothing they define is graded."))
        if self.long_cells:
            cells = "; ".join(self.long_cells)
            out.append(msg(f"{name}: {MAX_CELL_CHARS:,}자가 넘는 셀을 제외했습니다: {cells}. 그 셀에서 정의한 것은 "
                           "채점에 없습니다.",
                           f"{name}: cells over {MAX_CELL_CHARS:,} characters were left out: {cells}. Nothing they "
                           "define is graded."))
        if self.left_out:
            more = f"; ... (+{len(self.left_out) - 6})" if len(self.left_out) > 6 else ""
            shown = "; ".join(self.left_out[:6]) + more
            out.append(msg(f"{name}: 채점할 때 실행하지 않은 최상위 문장 {len(self.left_out)}개 (학습, 출력, 그림 등): "
                           f"{shown}",
                           f"{name}: {len(self.left_out)} top-level statements not run when grading "
                           f"(training runs, prints, plots): {shown}"))
        if self.shell_lines:
            shown = "; ".join(self.shell_lines[:4]) + (" ..." if len(self.shell_lines) > 4 else "")
            out.append(msg(f"{name}: 셸(!)·매직(%) 줄 {len(self.shell_lines)}개를 무시했습니다: {shown}",
                           f"{name}: ignored {len(self.shell_lines)} shell (!) and magic (%) lines: {shown}"))
        return out


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return "?"


def _static(node: ast.AST) -> bool:
    """No calls in the expression except to :data:`PURE_CALLS` (and no lambdas, comprehensions...)."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call) and _dotted(sub.func) not in PURE_CALLS:
            return False
        if isinstance(sub, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp,
                            ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)):
            return False
    return True


def _keep(node: ast.stmt) -> bool:
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return True
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
        return True  # a docstring
    if isinstance(node, ast.Assign):
        names = all(isinstance(t, (ast.Name, ast.Tuple)) for t in node.targets)
        return names and _static(node.value)
    if isinstance(node, ast.AnnAssign):
        return isinstance(node.target, ast.Name) and (node.value is None or _static(node.value))
    if isinstance(node, ast.Try):
        return all(_keep(n) for n in node.body) and all(_keep(n) for h in node.handlers for n in h.body if
                                                           not isinstance(n, ast.Pass))
    return isinstance(node, ast.Pass)


def statement_source(lines: list[str], node: ast.stmt) -> str:
    """A top-level statement's source text, its decorators included."""
    start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    return "\n".join(lines[start - 1:node.end_lineno])


def _first_line(lines: list[str], node: ast.stmt) -> str:
    text = lines[node.lineno - 1].strip()
    return text if len(text) <= 60 else text[:57] + "..."


def convert(path: Path, run_all: bool = False) -> Converted:
    import nbformat

    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        raise NotebookError(msg(f"{path.name}이(가) 너무 큽니다 ({size // 2**20} MiB; 최대 "
                                f"{MAX_NOTEBOOK_BYTES // 2**20} MiB). "
                                "출력을 지우고(편집 > 모든 출력 지우기) 다시 저장하세요.",
                                f"{path.name} is too large ({size // 2**20} MiB; at most {MAX_NOTEBOOK_BYTES // 2**20} "
                                "MiB). "
                                "Clear the outputs (Edit > Clear all outputs) and save it again."))
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise NotebookError(msg(f"{path.name}을(를) UTF-8로 읽을 수 없습니다.",
                                f"{path.name} is not UTF-8 text.")) from None
    try:
        data = json.loads(raw)
    except RecursionError:
        raise NotebookError(msg(f"{path.name}은(는) 올바른 노트북이 아닙니다 (JSON이 너무 깊게 중첩됨). Colab에서 다시 "
                                "다운로드하세요.",
                                f"{path.name} is not a valid notebook (its JSON is nested too deeply). Download it "
                                "from Colab again.")) from None
    except ValueError as exc:
        raise NotebookError(msg(f"{path.name}은(는) 올바른 노트북이 아닙니다 (JSON 오류: {exc}). Colab에서 다시 "
                                "다운로드하세요.",
                                f"{path.name} is not a valid notebook (invalid JSON: {exc}). Download it "
                                "from Colab again.")) from None
    major = data.get("nbformat") if isinstance(data, dict) else None
    if major != 4:
        raise NotebookError(msg(f"{path.name}의 노트북 형식 버전이 {major!r}입니다. 버전 4만 지원합니다 (Colab과 "
                                "Jupyter의 형식).",
                                f"{path.name} has notebook format version {major!r}; only version 4 (what Colab and "
                                "Jupyter write) is supported."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. cells without ids, written by older Jupyter versions
            nb = nbformat.reads(raw, as_version=4)
    except Exception as exc:  # noqa: BLE001 - nbformat raises several kinds for malformed files
        raise NotebookError(msg(f"{path.name}을(를) 노트북으로 읽을 수 없습니다 ({type(exc).__name__}).",
                                f"{path.name} cannot be read as a notebook ({type(exc).__name__}).")) from None
    out = Converted(source="")
    parts: list[str] = []
    number = 0
    total = 0
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        number += 1
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if len(source) > MAX_CELL_CHARS:
            out.long_cells.append(f"cell {number} ({len(source):,} characters)")
            continue
        total += len(source)
        if total > MAX_CODE_CHARS:
            raise NotebookError(msg(f"{path.name}의 코드 셀이 모두 {MAX_CODE_CHARS:,}자를 넘습니다. 과제 코드만 "
                                    "남기세요.",
                                    f"{path.name}'s code cells hold over {MAX_CODE_CHARS:,} characters in all; keep "
                                    "only the assignment's code."))
        if source.lstrip().startswith("%%"):
            out.shell_lines.append(source.lstrip().splitlines()[0][:60])
            continue
        lines = []
        for line in source.splitlines():
            if _SHELL.match(line):
                out.shell_lines.append(line.strip()[:60])
                lines.append(line[:len(line) - len(line.lstrip())] + "pass")
            else:
                lines.append(line)
        code = "\n".join(lines)
        try:
            tree = ast.parse(code)
        except SyntaxError as exc:
            out.broken_cells.append(f"cell {number} (line {exc.lineno}: {exc.msg})")
            continue
        except (RecursionError, MemoryError, ValueError) as exc:  # 10,000 chained terms; a NUL byte
            what = "too deeply nested" if isinstance(exc, (RecursionError, MemoryError)) else str(exc)[:80]
            out.broken_cells.append(f"cell {number} ({what})")
            continue
        if run_all:
            parts.append(f"# --- cell {number} ---\n{code}")
            continue
        kept = []
        for node in tree.body:
            if _keep(node):
                kept.append(statement_source(lines, node))
            else:
                out.left_out.append(f"cell {number}: {_first_line(lines, node)}")
        if kept:
            parts.append(f"# --- cell {number} ---\n" + "\n".join(kept))
    out.source = "\n\n".join(parts) + "\n"
    return out


def materialize(copy_root: Path, files: tuple[str, ...], folder_names: tuple[str, ...], run_all: bool,
                ) -> tuple[list[Message], Message | None]:
    """Write ``X.py`` beside every ``X.ipynb`` standing in for an assignment file in the copy.

    Returns the notes for the feedback and, for a notebook that cannot be read, the error
    that makes the assignment ungradable (its other files and the other assignments are
    still graded). A ``.py`` beside a notebook of the same name wins.
    """
    notes: list[Message] = []
    for rel in folder_names:
        folder = copy_root / rel
        for f in files:
            py, nb = folder / f, (folder / f).with_suffix(".ipynb")
            if not nb.is_file():
                continue
            shown = nb.name if rel == "." else f"{rel}/{nb.name}"
            if py.exists():
                notes.append(msg(f"{shown}와(과) {py.name}이(가) 함께 있어 {py.name}을(를) 채점했습니다 (노트북은 "
                                 "무시).",
                                 f"both {shown} and {py.name} were submitted: {py.name} was graded, the notebook "
                                 "ignored."))
                continue
            try:
                converted = convert(nb, run_all=run_all)
            except NotebookError as exc:
                return notes, exc.message
            py.write_text(converted.source, encoding="utf-8")
            notes.extend(converted.notes(shown))
        if any((folder / f).is_file() for f in files):
            break  # the folder the assignment is graded from (discovery looks in the same order)
    return notes, None

"""The grader's packages form layers, and no import runs back up (issue 28: no package import loop).

Every ``.py`` under ``grader/`` is parsed (nothing is imported or run) and every reference to a
grader module is checked against :data:`LAYERS`: a module may use its own layer and the layers
below it, never one above. Counted as a reference, wherever it stands (module level, inside a
function or class, under ``if TYPE_CHECKING:``: a type-only import is still a dependency of the
design, and there is no exception for it):

* ``import grader.x`` and ``from grader.x import y`` (``from grader import x`` names ``grader.x``
  when that is a module), relative imports resolved against the importing module;
* a string that is a grader module's dotted name and nothing else (``"grader.kits.keras"``,
  ``"grader.oracle.plugin"``, ``"grader.kits.datasets.commands:dataset_main"``): the registries'
  entries and the ``-m``/``-p`` arguments of the processes the grader starts;
* an f-string that starts with ``grader.`` (``f"grader.kits.{kit}.worker_ops"``), by its constant
  dotted prefix (here ``grader.kits``), so an ``importlib.import_module`` built at run time is
  counted too.

The order and why each layer sits where it does is in ARCHITECTURE.md ("Layers").
"""
from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

GRADER = Path(__file__).resolve().parent.parent / "grader"

# Lowest first. A module belongs to the layer of the longest entry that is it or a package above it.
LAYERS: list[tuple[str, ...]] = [
    ("grader", "grader.messages", "grader.apt", "grader.files"),  # leaf helpers: the version, bilingual messages, apt,
    # atomic writes
    ("grader.store",),  # content-keyed JSON files (the results cache's and the Keras trainer's)
    ("grader.sandbox",),  # where student code runs; told its limits, uids, env and kit operations
    ("grader.checks",),  # what a hidden test fails with (and the kits' suite helpers)
    ("grader.kits",),  # assignment types: hooks the engine calls, helpers the suites call
    ("grader.config",),  # grading.yml, validated against each kit's settings schema
    ("grader.submissions",),  # what was handed in, and whose: discovery, identity, roster, history
    ("grader.results",),  # typed results (and the audit's report), pure scoring
    ("grader.oracle",),  # the trusted pytest process
    ("grader.run",),  # the pipeline: engine, batch, cache, schedule
    ("grader.reporters",),  # one module per output format
    ("grader.tools",),  # staff commands (audit, similarity, notebooks, Gradescope zip)
    ("grader.cli", "grader.__main__"),  # the `grade` command
]

_DOTTED = re.compile(r"grader(\.[A-Za-z_]\w*)*(:[A-Za-z_]\w*)?")
_PREFIX = re.compile(r"grader(\.[A-Za-z_]\w*)*(?=\.)")


def layer_of(module: str) -> int | None:
    """The index in :data:`LAYERS` of ``module`` (longest matching entry), None when in none."""
    best: tuple[int, int] | None = None
    for i, entries in enumerate(LAYERS):
        for e in entries:
            if (module == e or module.startswith(e + ".")) and (best is None or len(e) > best[0]):
                best = (len(e), i)
    return None if best is None else best[1]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def _resolve(source: str, is_package: bool, level: int, target: str | None) -> str:
    """The absolute name of a relative import ``from .target import ...`` written in ``source``."""
    if level == 0:
        return target or ""
    base = source.split(".") if is_package else source.split(".")[:-1]
    base = base[:len(base) - (level - 1)] if level > 1 else base
    return ".".join([*base, target] if target else base)


def references(tree: ast.AST, source: str, is_package: bool,
               exists: Callable[[str], bool]) -> Iterator[tuple[int, str]]:
    """Every grader module ``source`` uses: (line, dotted name)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(source, is_package, node.level, node.module)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                yield node.lineno, sub if alias.name != "*" and exists(sub) else base
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _DOTTED.fullmatch(node.value):
            yield node.lineno, node.value.split(":")[0]
        elif isinstance(node, ast.JoinedStr) and node.values:
            head = node.values[0]
            if isinstance(head, ast.Constant) and isinstance(head.value, str):
                m = _PREFIX.match(head.value)
                if m:
                    yield node.lineno, m.group(0)


def violations_in(text: str, source: str, is_package: bool = False,
                  exists: Callable[[str], bool] = lambda name: False) -> list[str]:
    """``source:line: imports target (layer j) from layer i`` for each reference that runs back up,
    or names a grader module in no layer."""
    mine = layer_of(source)
    out = []
    for line, target in dict.fromkeys(references(ast.parse(text), source, is_package, exists)):
        if target != "grader" and not target.startswith("grader."):
            continue
        theirs = layer_of(target)
        if mine is None or theirs is None:
            out.append(f"{source}:{line}: {source if mine is None else target} is in no layer of LAYERS")
        elif theirs > mine:
            out.append(f"{source}:{line}: uses {target} ({LAYERS[theirs][0]}, layer {theirs}) "
                       f"from {LAYERS[mine][0]} (layer {mine})")
    return out


def _exists(name: str) -> bool:
    rel = Path(*name.split(".")[1:]) if "." in name else Path()
    return (GRADER / rel).with_suffix(".py").is_file() or (GRADER / rel / "__init__.py").is_file()


def all_violations() -> list[str]:
    out = []
    for path in sorted(GRADER.rglob("*.py")):
        out += violations_in(path.read_text(encoding="utf-8"), module_name(path, GRADER), _is_package(path), _exists)
    return out


def test_no_import_runs_back_up_a_layer():
    found = all_violations()
    print("\n".join(found) or "no violations")
    assert not found, f"{len(found)} import(s) against the layer order:\n" + "\n".join(found)


@pytest.mark.parametrize("code, expected", [
    ("from grader.config import Config\n", "grader.config"),  # module level
    ("def f():\n    from grader import kits\n", "grader.kits"),  # inside a function, `from grader import x`
    ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from grader.run.engine import grade\n", "grader.run"),
    ("from ..tools import audit\n", "grader.tools"),  # relative, resolved against grader.sandbox.planted
    ("import grader.reporters.text\n", "grader.reporters"),
    ("import importlib\nm = importlib.import_module(f'grader.kits.{kit}.worker_ops')\n", "grader.kits"),
    ("KITS = {'keras': 'grader.kits.keras'}\n", "grader.kits"),  # a registry's entry
    ("CMD = 'grader.cli:main'\n", "grader.cli"),
])
def test_the_check_catches_a_planted_violation(code, expected):
    """The checker on a planted module of the sandbox's layer: each way of reaching up is found, so
    the test above cannot pass for want of looking."""
    found = violations_in(code, "grader.sandbox.planted", exists=_exists)
    assert len(found) == 1 and f"uses {expected}" in found[0], found


def test_the_check_passes_what_the_order_allows():
    code = ("from grader.sandbox import codec\nfrom . import waits\nimport grader.messages\n"
            "def f():\n    from grader import apt\n    return 'grader.sandbox._worker', f'grader.sandbox.{x}'\n"
            "DOC = 'grader.kits is named in prose, not as a module'\n")
    assert violations_in(code, "grader.sandbox.planted", exists=_exists) == []


def test_every_module_is_in_a_layer():
    """A new package must be given its place in LAYERS (and in ARCHITECTURE.md)."""
    homeless = [m for m in (module_name(p, GRADER) for p in GRADER.rglob("*.py")) if layer_of(m) is None]
    assert not homeless, homeless


def test_the_hidden_suites_path_to_the_checks_still_works():
    """``grader.checks`` left ``oracle/`` for the layers; hidden suites import it as ``grader.oracle.checks``
    (the hidden-test guide's path), and must get the very classes the plugin catches."""
    import grader.checks
    import grader.oracle.checks

    public = {n for n, v in vars(grader.checks).items()
              if not n.startswith("_") and getattr(v, "__module__", None) == "grader.checks"}
    assert public == set(grader.oracle.checks.__all__)
    assert all(getattr(grader.oracle.checks, n) is getattr(grader.checks, n) for n in public)


def test_architecture_states_this_order():
    """ARCHITECTURE.md's numbered layer list names the layers in this order (first name of each)."""
    text = (GRADER.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text.split("## Layers", 1)[1].split("Folders are the stages", 1)[0]
    stated = re.findall(r"^\d+\. `([\w.]+)`", section, flags=re.M)
    assert stated == [e[0].removeprefix("grader.") for e in LAYERS]

"""A small AST mutator: the mutants ``grade audit`` runs the hidden suites against.

Why not mutmut or cosmic-ray: both mutate the project's files in place and run its
tests there. Here the reference solution is also the oracle's comparison
baseline, so a mutated reference would agree with itself; each mutant must
instead be a separate *target* folder while ``reference/`` stays pristine.
Generating the mutants is the small part, and this module does only that.

Operators (inside function bodies only; docstrings and imports are left alone):

* ``arith``: ``+``<->``-``, ``*``<->``/``, ``**`` -> ``*``, ``//`` -> ``/``
* ``compare``: ``<``<->``<=``, ``>``<->``>=``, ``==``<->``!=``
* ``const``: an int ``n`` -> ``n + 1``; a float ``c`` -> ``2 * c`` (``0.0`` -> ``1.0``)
* ``negate``: ``-x`` -> ``x``
* ``axis``: ``axis=k`` -> another axis; ``keepdims=True`` -> ``False``
* ``numpy``: ``max``<->``min``, ``sum``<->``mean``, ``argmax``<->``argmin``, ``maximum``<->``minimum``
* ``delete``: one statement -> ``pass``
* ``swap``: the first two positional arguments of a call swapped
* ``off-by-one``: ``range(n)`` -> ``range(n - 1)``
* ``bool``: ``and``<->``or``, ``True``<->``False``
"""
from __future__ import annotations

import ast
import copy
import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

ARITH = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.Pow: ast.Mult,
         ast.FloorDiv: ast.Div}
COMPARE = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq}
NUMPY = {"max": "min", "min": "max", "sum": "mean", "mean": "sum", "argmax": "argmin", "argmin": "argmax",
         "maximum": "minimum", "minimum": "maximum"}


@dataclass(frozen=True)
class Mutant:
    file: str  # relative to the assignment folder
    line: int
    operator: str
    original: str  # the original line, stripped
    mutated: str  # the same line after the mutation (unparsed), stripped
    source: str  # the whole mutated file
    diff: str

    @property
    def key(self) -> tuple[str, str, str]:
        """Stable across line moves: what the allow-list matches on."""
        return (self.file, self.original, self.mutated)


_Node = TypeVar("_Node", bound=ast.AST)


class _Mutator(ast.NodeTransformer):
    """Visits nodes in a fixed order, counting mutation sites; applies site ``target``."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.count = 0
        self.applied: tuple[str, int] | None = None
        self.in_function = 0

    def _site(self, node: _Node, operator: str, apply: Callable[[], _Node]) -> _Node:
        """``node``, or what ``apply`` makes of it when this site is the one mutated (a node of the
        same kind: a statement for a statement, an expression for an expression)."""
        index = self.count
        self.count += 1
        if index == self.target:
            self.applied = (operator, getattr(node, "lineno", 0))
            return apply()
        return node

    def _delete(self, stmt: ast.stmt) -> ast.stmt:
        """``stmt``, or a ``pass`` in its place when this site is the one mutated."""
        return self._site(stmt, "delete", lambda: ast.copy_location(ast.Pass(), stmt))

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        self.in_function += 1
        body = node.body
        first = body[0] if body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            docstring, rest = body[:1], body[1:]
        else:
            docstring, rest = [], body
        new_rest: list[ast.stmt] = []
        for stmt in rest:
            new: ast.stmt = self.visit(stmt)
            if isinstance(new, (ast.Assign, ast.AugAssign, ast.Expr, ast.Return)):
                new = self._delete(new)
            new_rest.append(new)
        node.body = docstring + new_rest
        self.in_function -= 1
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if self.in_function and type(node.op) in ARITH:
            return self._site(node, "arith", lambda: ast.copy_location(
                ast.BinOp(left=node.left, op=ARITH[type(node.op)](), right=node.right), node))
        return node

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        self.generic_visit(node)
        if self.in_function and type(node.op) in ARITH:
            return self._site(node, "arith", lambda: ast.copy_location(
                ast.AugAssign(target=node.target, op=ARITH[type(node.op)](), value=node.value), node))
        return node

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        if self.in_function and len(node.ops) == 1 and type(node.ops[0]) in COMPARE:
            return self._site(node, "compare", lambda: ast.copy_location(
                ast.Compare(left=node.left, ops=[COMPARE[type(node.ops[0])]()], comparators=node.comparators), node))
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        if self.in_function:
            other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            return self._site(node, "bool", lambda: ast.copy_location(ast.BoolOp(op=other, values=node.values), node))
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        if self.in_function and isinstance(node.op, ast.USub):
            site: ast.expr = node  # the site becomes its operand: an expression for an expression
            return self._site(site, "negate", lambda: node.operand)
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if not self.in_function:
            return node
        v = node.value
        if isinstance(v, bool):
            return self._site(node, "bool", lambda: ast.copy_location(ast.Constant(value=not v), node))
        if isinstance(v, int):
            return self._site(node, "const", lambda: ast.copy_location(ast.Constant(value=v + 1), node))
        if isinstance(v, float):
            return self._site(node, "const", lambda: ast.copy_location(ast.Constant(value=v * 2 if v else 1.0), node))
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self.generic_visit(node)
        if self.in_function and node.attr in NUMPY:
            return self._site(node, "numpy", lambda: ast.copy_location(
                ast.Attribute(value=node.value, attr=NUMPY[node.attr], ctx=node.ctx), node))
        return node

    def visit_keyword(self, node: ast.keyword) -> ast.AST:
        self.generic_visit(node)
        if not self.in_function or not isinstance(node.value, (ast.Constant, ast.UnaryOp)):
            return node
        if node.arg == "axis":
            other = ast.Constant(value=0) if ast.unparse(node.value) != "0" else ast.Constant(value=-1)
            return self._site(node, "axis", lambda: ast.keyword(arg="axis", value=other))
        if node.arg == "keepdims" and isinstance(node.value, ast.Constant) and node.value.value is True:
            return self._site(node, "axis", lambda: ast.keyword(arg="keepdims", value=ast.Constant(value=False)))
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if not self.in_function:
            return node
        new: ast.AST = node
        if isinstance(node.func, ast.Name) and node.func.id == "range" and len(node.args) == 1:
            new = self._site(node, "off-by-one", lambda: ast.copy_location(ast.Call(
                func=node.func, args=[ast.BinOp(left=node.args[0], op=ast.Sub(), right=ast.Constant(value=1))],
                keywords=node.keywords), node))
        if isinstance(new, ast.Call) and len(new.args) >= 2 and not any(isinstance(a, ast.Starred) for a in new.args):
            call, args = new, new.args
            return self._site(call, "swap", lambda: ast.copy_location(ast.Call(
                func=call.func, args=[args[1], args[0], *args[2:]], keywords=call.keywords), call))
        return new

    # imports and module-level code stay as they are
    def visit_Import(self, node: ast.Import) -> ast.AST:
        return node

    def visit_ImportFrom(self, node: ast.ImportFrom) -> ast.AST:
        return node


def mutants(file: str, text: str) -> list[Mutant]:
    """Every single-site mutant of ``text`` (the file ``file``), in a stable order."""
    tree = ast.parse(text)
    counter = _Mutator(-1)
    counter.visit(copy.deepcopy(tree))
    base = ast.unparse(tree).splitlines()
    out: list[Mutant] = []
    seen: set[str] = set()
    for i in range(counter.count):
        m = _Mutator(i)
        mutated_tree = ast.fix_missing_locations(m.visit(copy.deepcopy(tree)))
        source = ast.unparse(mutated_tree)
        if source in seen or m.applied is None:
            continue  # two sites that produce the same program count once
        seen.add(source)
        new = source.splitlines()
        changed = [(a, b) for a, b in zip(base, new, strict=False) if a != b]
        if len(base) != len(new):
            diff_lines = list(difflib.unified_diff(base, new, lineterm="", n=0))[2:]
            original = next((ln[1:] for ln in diff_lines if ln.startswith("-")), "")
            mutated = next((ln[1:] for ln in diff_lines if ln.startswith("+")), "")
        elif changed:
            original, mutated = changed[0]
        else:
            continue
        diff = "\n".join(difflib.unified_diff(base, new, f"a/{file}", f"b/{file}", lineterm="", n=0))
        operator, line = m.applied
        out.append(Mutant(file=file, line=line, operator=operator, original=original.strip(),
                          mutated=mutated.strip(), source=source + "\n", diff=diff))
    return out

"""Kits: what an assignment type needs beyond the engine. grading.yml's ``kit`` names one.

The engine (config, submissions, run, oracle, sandbox, results, reporters) knows no assignment.
A kit is a package ``grader.kits.<name>`` that may define, all optional:

* ``worker_ops.OPS``: operations the sandboxed worker runs on the student's objects (imported by
  the zygote before any isolation, as :func:`worker_ops_modules` names them to it; standard library
  and numpy only);
* ``SETTINGS_DEFAULTS``: defaults of the assignment's ``training`` settings (the kit's own section);
* ``unavailable(a) -> str | None``: why this machine cannot grade the assignment (its library is not
  installed, its data set is missing), checked for every submission before the oracle starts; the
  assignment then becomes a grader problem with that reason, and its tests do not run;
* ``prepare(a, offline) -> str``: get what grading needs (a data set) before any oracle starts;
  returns what was done ("" when nothing was needed), raises :class:`Unavailable` when it cannot;
* ``private_paths(a) -> list[Path]``: folders student code must not see beyond the data sets (which
  are hidden from every worker: :mod:`grader.kits.datasets`);
* ``extra_seconds(a) -> float``: time its trusted processes may take beyond the assignment's
  ``time_limit`` (a training run);
* ``WORKER_ENV``: environment variables for the sandboxed worker (library log levels);
* ``ORACLE_ENV``: names of the TA's environment variables its trusted processes read (passed
  through the oracle's whitelist);
* ``OUTPUT_NOISE``: a compiled pattern for lines a library prints into the student's output that
  are not the student's (dropped from feedback);
* ``COMMANDS``: ``{name: "module:function"}`` subcommands of ``grade`` (``grade dataset``).

Kits are import-light: importing one never imports its heavy library (Keras) until it is used.
"""
from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

KITS: dict[str, str] = {"numpy_nets": "grader.kits.numpy_nets", "keras": "grader.kits.keras"}


class Unavailable(Exception):
    """A kit cannot grade on this machine (no data set, its library not installed); ``str()`` says
    why and how to fix it. The assignment becomes a grader problem, never a grade."""


def get(name: str) -> ModuleType:
    return importlib.import_module(KITS[name])


def _of(assignments: Iterable[Any]) -> list[ModuleType]:
    names = dict.fromkeys(a.kit for a in assignments if getattr(a, "kit", None))
    return [get(n) for n in names]


def settings_defaults(name: str | None) -> dict[str, Any]:
    return dict(getattr(get(name), "SETTINGS_DEFAULTS", {})) if name else {}


def unavailable(a: Any) -> str | None:
    hook = getattr(get(a.kit), "unavailable", None) if a.kit else None
    return hook(a) if hook else None


def prepare(a: Any, offline: bool) -> str:
    hook = getattr(get(a.kit), "prepare", None) if a.kit else None
    return hook(a, offline) if hook else ""


def private_paths(assignments: Iterable[Any]) -> list[Path]:
    """What no worker may see: every place a registered data set may be read from (whatever the
    assignment: see :mod:`grader.kits.datasets`), and what the assignments' kits add."""
    from grader.kits import datasets

    assignments = list(assignments)
    out = datasets.private_paths((a.training or {}).get("dataset_dir") for a in assignments)
    for a in assignments:
        hook = getattr(get(a.kit), "private_paths", None) if a.kit else None
        out += hook(a) if hook else []
    return list(dict.fromkeys(out))


def extra_seconds(a: Any) -> float:
    hook = getattr(get(a.kit), "extra_seconds", None) if a.kit else None
    return float(hook(a)) if hook else 0.0


def worker_ops_modules() -> dict[str, str]:
    """Every kit's ``worker_ops`` module by kit name, for the sandbox's zygote to import before any
    isolation (one that is not there, a kit without worker operations, is skipped there)."""
    return {name: f"{module}.worker_ops" for name, module in KITS.items()}


def worker_env(assignments: Iterable[Any]) -> dict[str, str]:
    env: dict[str, str] = {}
    for kit in _of(assignments):
        env.update(getattr(kit, "WORKER_ENV", {}))
    return env


def oracle_env_names(assignments: Iterable[Any]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for kit in _of(assignments) for n in getattr(kit, "ORACLE_ENV", ())))


def output_noise(assignments: Iterable[Any]) -> list[re.Pattern[str]]:
    return [kit.OUTPUT_NOISE for kit in _of(assignments) if getattr(kit, "OUTPUT_NOISE", None) is not None]


def command(name: str) -> Any | None:
    """The function of ``grade <name>`` when a kit provides that subcommand (None otherwise)."""
    for module in KITS.values():
        kit = importlib.import_module(module)
        target = getattr(kit, "COMMANDS", {}).get(name)
        if target:
            mod, func = target.split(":")
            return getattr(importlib.import_module(mod), func)
    return None

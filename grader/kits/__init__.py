"""Kits: what an assignment type needs beyond the engine. grading.yml's ``kit`` names one.

The engine (config, submissions, run, oracle, sandbox, results, reporters) knows no assignment.
A kit is a package ``grader.kits.<name>`` named in :data:`KITS`; what it may define is the
:class:`Kit` protocol, every member optional (:class:`Defaults` gives the rest):

* ``unavailable(a) -> str | None``: why this machine cannot grade the assignment (its library is not
  installed, its data set is missing), checked for every submission before the oracle starts; the
  assignment then becomes a grader problem with that reason, and its tests do not run;
* ``prepare(a, offline) -> str``: get what grading needs (a data set) before any oracle starts;
  returns what was done ("" when nothing was needed), raises :class:`Unavailable` when it cannot;
* ``private_paths(a) -> list[Path]``: folders student code must not see beyond the data sets (which
  are hidden from every worker: :mod:`grader.kits.datasets`);
* ``extra_seconds(a) -> float``: time its trusted processes may take beyond the assignment's
  ``time_limit`` (a training run);
* ``SETTINGS_DEFAULTS`` and ``SETTINGS_SCHEMA``: defaults and JSON schema of the assignment's
  ``training`` settings (the kit's own section; no schema: the kit takes no settings);
* ``WORKER_ENV``: environment variables for the sandboxed worker (library log levels);
* ``ORACLE_ENV``: names of the TA's environment variables its trusted processes read (passed
  through the oracle's whitelist);
* ``OUTPUT_NOISE``: a compiled pattern for lines a library prints into the student's output that
  are not the student's (dropped from feedback);
* ``COMMANDS``: ``{name: "module:function"}`` subcommands of ``grade`` (``grade dataset``);
* ``PACKAGING``: what installing the grader for this kit takes (:class:`Packaging`: the pip extra,
  the data sets, the lines of Gradescope's ``setup.sh``);

and, in ``worker_ops.py``, ``OPS``: operations the sandboxed worker runs on the student's objects
(imported by the zygote before any isolation, as :func:`worker_ops_modules` names them to it;
standard library and numpy only).

Each kit is checked when it is registered (:func:`register`, on the first use of any kit, so at
start-up): a public name in the kit that is close to a member's name but is not one (``unavailible``,
``worker_env``) or a hook that cannot be called as the protocol calls it is a :class:`KitError`, not a
hook silently never called.

Kits are import-light: importing one never imports its heavy library (Keras) until it is used.
"""
from __future__ import annotations

import difflib
import functools
import importlib
import importlib.util
import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Any, Protocol

KITS: dict[str, str] = {"numpy_nets": "grader.kits.numpy_nets", "keras": "grader.kits.keras"}

# Set in the oracle's environment when the submission is graded on a Dask cluster (``grade --cluster``):
# JSON ``{"address", "security": {"tls_ca_file", "tls_client_cert", "tls_client_key"} | null,
# "resources": [...]}``, the scheduler a kit's trusted work may be sent to and the worker resources
# the cluster offers (``GPU``: the Keras kit's trainings, :mod:`grader.kits.keras.remote`).
CLUSTER_ENV = "DLGRADER_CLUSTER"


class Unavailable(Exception):
    """A kit cannot grade on this machine (no data set, its library not installed); ``str()`` says
    why and how to fix it. The assignment becomes a grader problem, never a grade."""


class KitError(Exception):
    """A kit that does not follow :class:`Kit` (a misspelled hook, a wrong signature, a constant of the
    wrong type): the grader's own bug, refused at start-up. ``str()`` names the kit and the member."""


@dataclass(frozen=True)
class Packaging:
    """What installing the grader for a kit takes, asked by the installers (``grade gradescope-zip``
    builds Gradescope's ``setup.sh`` from the packaging of the course's kits), so a new kit brings its own.

    ``extra``: the grader's ``pyproject.toml`` extra (``pip install 'dlgrader[keras]'``), None for none;
    ``datasets``: the data sets (:mod:`grader.kits.datasets` names) its assignments may train on;
    ``system``: shell lines run as root before the grader is installed (a data set's Debian package);
    ``grade``: ``grade`` commands (arguments) run once it is installed (a data set put where the
    trainer reads it); ``protect``: shell lines run last, removing the others' access to what only
    permissions hide from student code where there are no namespaces (a data set's folder)."""

    extra: str | None = None
    datasets: tuple[str, ...] = ()
    system: tuple[str, ...] = ()
    grade: tuple[tuple[str, ...], ...] = ()
    protect: tuple[str, ...] = ()


class Kit(Protocol):
    """What the engine may ask of a kit; a registered kit has every member (:class:`Defaults` fills
    what its module leaves out). ``a`` is the assignment (``config.AssignmentConfig``: kits sit below
    the configuration and never import it). The constants are read-only properties here, spelt as the
    kit module spells them."""

    @property
    def name(self) -> str: ...

    @property
    def SETTINGS_DEFAULTS(self) -> Mapping[str, Any]: ...

    @property
    def SETTINGS_SCHEMA(self) -> Mapping[str, Any] | None: ...

    @property
    def WORKER_ENV(self) -> Mapping[str, str]: ...

    @property
    def ORACLE_ENV(self) -> tuple[str, ...]: ...

    @property
    def OUTPUT_NOISE(self) -> re.Pattern[str] | None: ...

    @property
    def COMMANDS(self) -> Mapping[str, str]: ...

    @property
    def PACKAGING(self) -> Packaging: ...

    def unavailable(self, a: Any) -> str | None: ...

    def prepare(self, a: Any, offline: bool) -> str: ...

    def private_paths(self, a: Any) -> list[Path]: ...

    def extra_seconds(self, a: Any) -> float: ...


class Defaults:
    """The optional members' values for a kit module that does not define them."""

    SETTINGS_DEFAULTS: Mapping[str, Any] = MappingProxyType({})
    SETTINGS_SCHEMA: Mapping[str, Any] | None = None
    WORKER_ENV: Mapping[str, str] = MappingProxyType({})
    ORACLE_ENV: tuple[str, ...] = ()
    OUTPUT_NOISE: re.Pattern[str] | None = None
    COMMANDS: Mapping[str, str] = MappingProxyType({})
    PACKAGING: Packaging = Packaging()

    @staticmethod
    def unavailable(a: Any) -> str | None:
        return None

    @staticmethod
    def prepare(a: Any, offline: bool) -> str:
        return ""

    @staticmethod
    def private_paths(a: Any) -> list[Path]:
        return []

    @staticmethod
    def extra_seconds(a: Any) -> float:
        return 0.0


@dataclass(frozen=True)
class Registered:
    """A kit module checked against :class:`Kit`, with :class:`Defaults` for what it leaves out."""

    name: str
    module: str
    worker_ops: str | None  # its worker-operation module, when it has one (:func:`worker_ops_module`)
    SETTINGS_DEFAULTS: Mapping[str, Any] = field(default_factory=lambda: Defaults.SETTINGS_DEFAULTS)
    SETTINGS_SCHEMA: Mapping[str, Any] | None = None
    WORKER_ENV: Mapping[str, str] = field(default_factory=lambda: Defaults.WORKER_ENV)
    ORACLE_ENV: tuple[str, ...] = ()
    OUTPUT_NOISE: re.Pattern[str] | None = None
    COMMANDS: Mapping[str, str] = field(default_factory=lambda: Defaults.COMMANDS)
    PACKAGING: Packaging = Packaging()
    unavailable: Callable[[Any], str | None] = Defaults.unavailable
    prepare: Callable[[Any, bool], str] = Defaults.prepare
    private_paths: Callable[[Any], list[Path]] = Defaults.private_paths
    extra_seconds: Callable[[Any], float] = Defaults.extra_seconds


HOOKS = ("unavailable", "prepare", "private_paths", "extra_seconds")
CONSTANTS = ("SETTINGS_DEFAULTS", "SETTINGS_SCHEMA", "WORKER_ENV", "ORACLE_ENV", "OUTPUT_NOISE", "COMMANDS",
             "PACKAGING")


def _str_map(value: Any) -> bool:
    return isinstance(value, Mapping) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


_CONSTANT_TYPES: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "SETTINGS_DEFAULTS": ("a dict", lambda v: isinstance(v, Mapping)),
    "SETTINGS_SCHEMA": ("a dict (a JSON schema) or None", lambda v: v is None or isinstance(v, Mapping)),
    "WORKER_ENV": ("a dict of str to str", _str_map),
    "ORACLE_ENV": ("a tuple of str", lambda v: isinstance(v, tuple) and all(isinstance(n, str) for n in v)),
    "OUTPUT_NOISE": ("a compiled pattern (re.compile) or None", lambda v: v is None or isinstance(v, re.Pattern)),
    "COMMANDS": ("a dict of names to 'module:function'",
                 lambda v: _str_map(v) and all(t.count(":") == 1 for t in v.values())),
    "PACKAGING": ("a kits.Packaging", lambda v: isinstance(v, Packaging)),
}


def _arity(hook: str) -> int:
    """How many positional arguments the engine passes to ``hook`` (the protocol's, less ``self``)."""
    return len(inspect.signature(getattr(Kit, hook)).parameters) - 1


def _defined_here(module: ModuleType, value: Any) -> bool:
    """Whether a public name of ``module`` is its own (not an imported module, function or class)."""
    if isinstance(value, ModuleType):
        return False
    owner = getattr(value, "__module__", None) if callable(value) else None
    return owner is None or owner == module.__name__


def check(name: str, module: ModuleType) -> None:
    """Refuse a kit module that does not follow :class:`Kit`; raise :class:`KitError` naming what is wrong."""
    where = f"kit {name!r} ({module.__name__})"
    known = {m.lower(): m for m in (*HOOKS, *CONSTANTS)}
    for public, value in vars(module).items():
        if public.startswith("_") or public in known.values() or not _defined_here(module, value):
            continue
        near = difflib.get_close_matches(public.lower(), list(known), n=1, cutoff=0.8)
        if near:
            raise KitError(f"{where}: {public!r} is not a kit member; did you mean {known[near[0]]!r}? "
                           f"(members: {', '.join((*HOOKS, *CONSTANTS))})")
    for hook in HOOKS:
        if hook not in vars(module):
            continue
        function, n = vars(module)[hook], _arity(hook)
        try:
            inspect.signature(function).bind(*range(n))
        except (TypeError, ValueError):
            expected = str(inspect.signature(getattr(Kit, hook))).replace("self, ", "")
            raise KitError(f"{where}: {hook} cannot be called as {hook}{expected}") from None
    for constant, (kind, valid) in _CONSTANT_TYPES.items():
        if constant in vars(module) and not valid(vars(module)[constant]):
            raise KitError(f"{where}: {constant} must be {kind}, found {type(vars(module)[constant]).__name__}")


def register(name: str, module_name: str) -> Registered:
    """Import kit ``name`` from ``module_name``, check it (:func:`check`) and fill in :class:`Defaults`."""
    module = importlib.import_module(module_name)
    check(name, module)
    members = {m: vars(module)[m] for m in (*HOOKS, *CONSTANTS) if m in vars(module)}
    ops = f"{module_name}.worker_ops"  # the one place a worker-operation module's name is made
    return Registered(name=name, module=module_name,
                      worker_ops=ops if importlib.util.find_spec(ops) is not None else None, **members)


@functools.cache
def _registry() -> dict[str, Registered]:
    """Every kit in :data:`KITS`, registered (so checked) together on the first use of any."""
    return {name: register(name, module) for name, module in KITS.items()}


def get(name: str) -> Kit:
    return _registry()[name]


def registered() -> list[Kit]:
    """Every kit, checked: what the start-up check (``config``'s validation) and the installers ask."""
    return list(_registry().values())


def of(assignments: Iterable[Any]) -> list[Kit]:
    """The kits of ``assignments``, each once, in the order they first appear."""
    names = dict.fromkeys(a.kit for a in assignments if a.kit)
    return [get(n) for n in names]


def settings_defaults(name: str | None) -> dict[str, Any]:
    return dict(get(name).SETTINGS_DEFAULTS) if name else {}


def unavailable(a: Any) -> str | None:
    return get(a.kit).unavailable(a) if a.kit else None


def prepare(a: Any, offline: bool) -> str:
    return get(a.kit).prepare(a, offline) if a.kit else ""


def private_paths(assignments: Iterable[Any]) -> list[Path]:
    """What no worker may see: every place a registered data set may be read from (whatever the
    assignment: see :mod:`grader.kits.datasets`), and what the assignments' kits add."""
    from grader.kits import datasets

    assignments = list(assignments)
    out = datasets.private_paths((a.training or {}).get("dataset_dir") for a in assignments)
    for a in assignments:
        out += get(a.kit).private_paths(a) if a.kit else []
    return list(dict.fromkeys(out))


def extra_seconds(a: Any) -> float:
    return float(get(a.kit).extra_seconds(a)) if a.kit else 0.0


def worker_ops_module(name: str) -> str | None:
    """The module of kit ``name``'s worker operations (``grader/kits/<name>/worker_ops.py``), None when
    it has none: every lookup of one goes through here."""
    return _registry()[name].worker_ops


def worker_ops_modules() -> dict[str, str]:
    """Every kit's ``worker_ops`` module by kit name, for the sandbox's zygote to import before any
    isolation (a kit without worker operations is left out)."""
    found = {name: worker_ops_module(name) for name in KITS}
    return {name: module for name, module in found.items() if module}


def worker_env(assignments: Iterable[Any]) -> dict[str, str]:
    env: dict[str, str] = {}
    for kit in of(assignments):
        env.update(kit.WORKER_ENV)
    return env


def oracle_env_names(assignments: Iterable[Any]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for kit in of(assignments) for n in kit.ORACLE_ENV))


def output_noise(assignments: Iterable[Any]) -> list[re.Pattern[str]]:
    return [kit.OUTPUT_NOISE for kit in of(assignments) if kit.OUTPUT_NOISE is not None]


def command(name: str) -> Any | None:
    """The function of ``grade <name>`` when a kit provides that subcommand (None otherwise)."""
    for kit in registered():
        target = kit.COMMANDS.get(name)
        if target:
            mod, func = target.split(":")
            return getattr(importlib.import_module(mod), func)
    return None

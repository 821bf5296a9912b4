"""The reports' real readers, as the tests need them: the GitHub Actions runner's log parser.

:func:`actions_log` reads a step's output the way actions/runner does (src/Runner.Common/ActionCommand.cs,
``TryParseV2`` and the legacy ``TryParse``; src/Runner.Worker/ActionCommandManager.cs,
``TryProcessCommand`` with ``stop-commands``), written from that code's behaviour, so a test sees
exactly the workflow commands a runner would run: a ``::`` command after leading whitespace, a
``##[command]`` anywhere in a line, lines split at ``\\r`` as well as ``\\n``, nothing processed
between ``::stop-commands::TOKEN`` and ``::TOKEN::``.
"""
from __future__ import annotations

import re

# The commands a runner registers (its command extensions, and stop-commands).
REGISTERED = {"add-mask", "add-matcher", "remove-matcher", "add-path", "debug", "warning", "error", "notice",
              "group", "endgroup", "echo", "set-env", "set-output", "save-state", "stop-commands"}

_DATA = (("%0D", "\r"), ("%0A", "\n"), ("%25", "%"))
_PROPERTY = (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"))
_LEGACY = (("%3B", ";"), ("%0D", "\r"), ("%0A", "\n"), ("%5D", "]"), ("%25", "%"))

Command = tuple[str, dict[str, str], str]  # (name, properties, data)


def _unescape(value: str, table: tuple[tuple[str, str], ...]) -> str:
    for escaped, plain in table:
        value = value.replace(escaped, plain)
    return value


def _v2(line: str, registered: set[str]) -> Command | None:
    """``::name k=v,k=v::data``, after leading whitespace (.NET's TrimStart: Unicode whitespace)."""
    line = line.lstrip()
    if not line.startswith("::"):
        return None
    end = line.find("::", 2)
    if end < 0:
        return None
    info = line[2:end]
    name = info.split(" ", 1)[0]
    if name.lower() not in registered:
        return None
    props: dict[str, str] = {}
    if " " in info:
        for prop in (p for p in info.split(" ", 1)[1].strip().split(",") if p):
            pair = [x for x in prop.split("=", 1) if x]
            if len(pair) == 2:
                props[pair[0]] = _unescape(pair[1], _PROPERTY)
    return name, props, _unescape(line[end + 2:], _DATA)


def _legacy(line: str, registered: set[str]) -> Command | None:
    """``##[name k=v;k=v]data`` anywhere in the line."""
    start = line.find("##[")
    if start < 0:
        return None
    close = line.find("]", start)
    if close < 0:
        return None
    info = line[start + 3:close]
    name = info.split(" ", 1)[0]
    if name.lower() not in registered:
        return None
    props: dict[str, str] = {}
    if " " in info:
        for prop in (p for p in info.split(" ", 1)[1].split(";") if p):
            pair = [x for x in prop.split("=", 1) if x]
            if len(pair) == 2:
                props[pair[0]] = _unescape(pair[1], _LEGACY)
    return name, props, _unescape(line[close + 1:], _LEGACY)


def actions_log(log: str) -> list[Command]:
    """The workflow commands a runner processes in ``log``, in order (stop-commands itself and its
    resume token left out: they are the fence, not commands a reader acts on)."""
    registered = set(REGISTERED)
    stopped: str | None = None
    found: list[Command] = []
    for line in re.split(r"\r\n|\r|\n", log):
        command = _v2(line, registered) or _legacy(line, registered)
        if command is None:
            continue
        name = command[0].lower()
        if stopped is not None:
            if stopped and name == stopped.lower():  # an empty token never resumes (IsNullOrEmpty)
                registered.discard(stopped.lower())
                stopped = None
            continue
        if name == "stop-commands":
            stopped = command[2]
            registered.add(stopped.lower())
            continue
        found.append(command)
    return found

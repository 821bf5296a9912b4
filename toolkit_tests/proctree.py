"""The machine's processes as the toolkit's fault tests read them (``/proc``): who is whose child,
what each one is, and a watch that records every process of one kind while a run goes on."""
from __future__ import annotations

import os
import threading
import time


def table(zombies: bool = False) -> dict[int, tuple[int, str, float]]:
    """pid -> (parent pid, ``[name] command line``, CPU seconds) for every live process (and every
    ended one not yet reaped, with ``zombies``). The name (``comm``) tells the grader's processes
    apart where the command line cannot: everything a warm oracle forks shares its command line
    (``dlgrader-oracle``, ``dlgrader-zygote``, ``dlgrader-worker``)."""
    out = {}
    tick = os.sysconf("SC_CLK_TCK")
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                fields = f.read().decode(errors="replace").rsplit(")", 1)[-1].split()
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
            with open(f"/proc/{pid}/comm", "rb") as f:
                cmd = f"[{f.read().decode(errors='replace').strip()}] {cmd}"
        except OSError:
            continue
        if fields[0] == "Z" and not zombies:
            continue
        out[int(pid)] = (int(fields[1]), cmd, (int(fields[11]) + int(fields[12])) / tick)
    return out


def children(pid: int) -> list[int]:
    return [child for child, (parent, _, _) in table().items() if parent == pid]


def descendants(root: int) -> dict[int, str]:
    """Every live process under ``root``: pid -> ``[name] command line``."""
    procs = table()
    found: dict[int, str] = {}
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, (ppid, cmd, _) in procs.items():
            if ppid == parent and pid not in found:
                found[pid] = cmd
                frontier.append(pid)
    return found


def comm(pid: int) -> str:
    """A process's name (``/proc/PID/comm``); "" when it is gone."""
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8", errors="replace") as f:
            return f.read().strip()
    except OSError:
        return ""


def is_zombie(pid: int) -> bool:
    """Ended and not yet reaped."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().decode(errors="replace").rsplit(")", 1)[-1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def parent(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return int(f.read().decode(errors="replace").rsplit(")", 1)[-1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def wait_until(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class Watch:
    """Every process whose command line holds ``needle``, seen while it watches (``/proc`` every 50 ms:
    a trainer lives for seconds), with its ancestors when first seen (``seen``: pid -> parent chain).
    ``under``: only those descending from that process (not a concurrent run's on the same machine)."""

    def __init__(self, needle: bytes, under: int | None = None) -> None:
        self.needle, self.under = needle, under
        self.seen: dict[int, list[int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.wait(0.05):
            for entry in os.listdir("/proc"):
                if not entry.isdigit() or int(entry) in self.seen:
                    continue
                try:
                    with open(f"/proc/{entry}/cmdline", "rb") as f:
                        if self.needle not in f.read():
                            continue
                except OSError:
                    continue
                chain, pid = [], int(entry)
                while pid > 1:
                    pid = parent(pid)
                    chain.append(pid)
                if self.under is None or self.under in chain:
                    self.seen[int(entry)] = chain

    def __enter__(self) -> Watch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

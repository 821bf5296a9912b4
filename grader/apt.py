"""Installing Debian packages where apt is usable (as root, or through passwordless sudo).

One helper, because two callers need the same care: ``grade`` gets Debian's Fashion-MNIST
package before training (``grader.kits.datasets.fashion_mnist``), and the toolkit's tests get
Chromium and its driver for the class report's browser test. Both must never prompt (a password,
a dpkg question), never hang a run for ever, and say in one line what happened, so that the
caller can go on another way (Keras's download, a skipped test) and tell the user why.
"""
from __future__ import annotations

import os
import shutil
import subprocess

TIMEOUT_S = 900  # per apt-get call (subprocess.TimeoutExpired past it): a slow mirror must not hang a run for ever


def unusable() -> str | None:
    """Why apt cannot install here (one line), or None when it can."""
    if not shutil.which("apt-get"):
        return "apt-get is not available on this machine"
    if os.geteuid() != 0 and (not shutil.which("sudo") or
                              subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode != 0):
        return "installing a Debian package needs root (or passwordless sudo)"
    return None


def install(*packages: str) -> str:
    """``apt-get install`` the packages; what happened, in one line: it starts with ``installed``
    on success, else it says why not (no apt, no root, apt's own last error line)."""
    why = unusable()
    if why:
        return why
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    names = " ".join(packages)
    command = [*sudo, "apt-get", "install", "-y", "-qq", *packages]
    r = subprocess.run(command, capture_output=True, text=True, env=env, timeout=TIMEOUT_S)
    if r.returncode != 0:  # the package lists may be missing (a fresh container): update once, then retry
        subprocess.run([*sudo, "apt-get", "update", "-qq"], capture_output=True, text=True, env=env, timeout=TIMEOUT_S)
        r = subprocess.run(command, capture_output=True, text=True, env=env, timeout=TIMEOUT_S)
    if r.returncode != 0:
        return f"apt-get install {names} failed: {(r.stderr or r.stdout).strip().splitlines()[-1:]}"
    return f"installed Debian's {names}"

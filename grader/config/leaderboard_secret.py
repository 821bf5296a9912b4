"""The leaderboard's secret: the key of the pseudonyms' HMAC (``grader.reporters.leaderboard``).

It must be something students never receive. Course files are not: GitHub Classroom's workflow
checks the course's grading.yml out into every student's job, so a secret hashed from it (or
written in it) lets any student recompute every classmate's pseudonym from a GitHub username.
So the secret is the TA's, kept outside the course:

* ``$DLGRADER_LEADERBOARD_SECRET`` when set (CI: an Actions secret of the TA's grading
  repository, never of the students' repositories, whose workflows students can edit);
* else the file ``$XDG_CONFIG_HOME/dlgrader/leaderboard_secret`` (``~/.config/...`` without
  ``XDG_CONFIG_HOME``), which the first board drawn creates: 32 random bytes from ``secrets``,
  mode 0600 (the folder 0700 when it makes it). A file others may read is refused rather than used.

Drawing a board creates the secret; a student's own feedback shows a pseudonym only when the
secret already exists, so a run without it (a student's Classroom job) never invents one that
matches no board.
"""
from __future__ import annotations

import os
import secrets
import stat
import tempfile
from pathlib import Path

ENV = "DLGRADER_LEADERBOARD_SECRET"
MIN_LENGTH = 16  # characters: shorter is guessable, and no generated secret is that short


class SecretError(Exception):
    """The secret is set but cannot be used; ``str()`` names where it is and the fix."""


def path() -> Path:
    """Where the TA's secret file is (whether or not it exists yet)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "dlgrader" / "leaderboard_secret"


def where() -> str:
    """Where the secret is looked for, for messages: the variable and the file."""
    return f"${ENV} or {path()}"


def load(create: bool) -> str | None:
    """The secret: the environment variable's, else the file's; with ``create``, a new file when there
    is neither. None without a secret (and without ``create``)."""
    value = os.environ.get(ENV, "").strip()
    if value:
        if len(value) < MIN_LENGTH:
            raise SecretError(f"${ENV}: {len(value)} characters; use at least {MIN_LENGTH}, e.g. the output of "
                              "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'")
        return value
    file = path()
    try:
        return _read(file)
    except FileNotFoundError:
        if not create:
            return None
    return _create(file)


def _read(file: Path) -> str:
    try:
        f = open(file, encoding="utf-8")  # noqa: SIM115 - closed by `with f:` below; the open's errors are told apart
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise SecretError(f"{file}: cannot read the leaderboard secret ({exc.strerror}); set ${ENV} instead") from None
    with f:
        mode = os.fstat(f.fileno()).st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise SecretError(f"{file}: other users may read the leaderboard secret (mode {stat.S_IMODE(mode):04o}); "
                              f"run chmod 600 {file}")
        value = f.read(4096).strip()
    if len(value) < MIN_LENGTH:
        raise SecretError(f"{file}: {len(value)} characters; use at least {MIN_LENGTH} (delete the file and the next "
                          "board drawn makes a new one)")
    return value


def _create(file: Path) -> str:
    """A new secret in ``file``: written whole into a 0600 temporary file beside it, then linked into
    place, so no reader sees it half written or readable by others; a file another run linked first wins."""
    value = secrets.token_urlsafe(32)
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".leaderboard_secret.", dir=file.parent)  # mode 0600
    except OSError as exc:
        raise SecretError(f"{file}: cannot create the leaderboard secret ({exc.strerror}); set ${ENV} "
                          "instead") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(value + "\n")
        os.link(tmp, file)
    except FileExistsError:
        return _read(file)
    except OSError as exc:
        raise SecretError(f"{file}: cannot create the leaderboard secret ({exc.strerror}); set ${ENV} "
                          "instead") from None
    finally:
        os.unlink(tmp)
    return value

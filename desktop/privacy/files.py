"""Files and folders only the agent's own user may read: logs, the database, settings, exports.

They hold customer names, phones and (in the logs and the settings) details of the PBX and the
ERP, so on a PC shared by several local users they must not be created with the umask's usual
0644/0755. Folders Ramal creates are 0700 and files 0600; a file that already exists with wider
permissions is narrowed when Ramal opens it again (an installation from before this rule).

Windows has no such mode bits (``%LOCALAPPDATA%`` is private to the user already), so there the
functions only create what is missing. Narrowing is best effort: a file on a read-only disk or
owned by someone else keeps its mode, and the caller's own open reports the real problem.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700

_POSIX = os.name == "posix"


def narrow_mode(path: Path, mode: int = PRIVATE_FILE_MODE) -> None:
    """Remove group/other permissions from ``path`` if it exists (never widens)."""
    if not _POSIX:
        return
    try:
        current = stat.S_IMODE(os.stat(path).st_mode)
        if current & ~mode:
            os.chmod(path, current & mode)
    except OSError:
        pass


def ensure_private_dir(folder: Path, *, narrow_existing: bool = True) -> None:
    """Create ``folder`` (and missing parents) as 0700.

    ``narrow_existing`` also narrows the folder itself when it exists: right for a folder that
    is Ramal's own (its log or data folder), wrong for a folder the user chose for something
    else (``--config ~/ramal.toml`` must not change the home folder's mode).
    """
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            continue  # another process created it meanwhile
        # mkdir's mode goes through the umask; chmod makes it exactly 0700
        narrow_mode(path, PRIVATE_DIR_MODE)
    if narrow_existing and not missing:
        narrow_mode(folder, PRIVATE_DIR_MODE)


def prepare_private_file(path: Path) -> None:
    """Create ``path`` empty as 0600 if missing, else narrow it to 0600.

    For files another library then opens (SQLite, which gives its -wal and -shm files the
    database file's mode). A failure here is left for that library to report in its own words.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        narrow_mode(path)
        return
    except OSError:
        return
    os.close(fd)
    narrow_mode(path)


def narrow_private_database(path: Path) -> None:
    """Narrow a SQLite database's -wal and -shm files, left wide by an older Ramal."""
    for suffix in ("-wal", "-shm"):
        narrow_mode(path.with_name(path.name + suffix))


def open_private_for_writing(path: Path, mode: int = PRIVATE_FILE_MODE,
                             append: bool = False) -> int:
    """Open ``path`` for writing with exactly ``mode`` (created, or narrowed if it existed)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    flags |= getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, mode)
    if _POSIX:
        with contextlib.suppress(OSError):
            os.fchmod(fd, mode)  # an existing file, or a umask, would leave another mode
    return fd

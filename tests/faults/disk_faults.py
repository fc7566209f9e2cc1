"""Real disk faults for tests, as root (CI runs as root; file modes do not stop root's writes).

- :func:`tiny_tmpfs`: a 64 KiB tmpfs (or ``size``), filled to the last byte when asked (ENOSPC);
- :func:`read_only_tmpfs`: a tmpfs prepared by the caller, then remounted read-only (EROFS);
- :func:`read_only_file`: one file bind-mounted read-only over itself, its folder writable;
- :class:`LockHolder`: another process holding ``BEGIN EXCLUSIVE`` on a database.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True, timeout=30)


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], check=False, capture_output=True, timeout=30)


@contextlib.contextmanager
def tiny_tmpfs(folder: Path, *, full: bool = False, size: str = "64k") -> Iterator[Path]:
    """``size``: larger when a database must live (and write its WAL) there before filling."""
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    try:
        if full:
            fill(folder)
        yield folder
    finally:
        _umount(folder)


def fill(folder: Path) -> None:
    """Write until the file system refuses (ENOSPC)."""
    with contextlib.suppress(OSError), open(folder / "enche-o-disco", "wb",
                                            buffering=0) as filler:
        while True:
            filler.write(b"\0" * 4096)


@contextlib.contextmanager
def read_only_tmpfs(folder: Path, prepare: Callable[[Path], None]) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder))
    try:
        prepare(folder)
        _mount("-o", "remount,ro", str(folder))
        yield folder
    finally:
        _umount(folder)


@contextlib.contextmanager
def read_only_file(path: Path) -> Iterator[Path]:
    _mount("--bind", str(path), str(path))
    try:
        _mount("-o", "remount,bind,ro", str(path))
        yield path
    finally:
        _umount(path)


_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
"""


class LockHolder:
    """A second process with an exclusive transaction open on ``path`` until :meth:`release`."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def __enter__(self) -> LockHolder:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

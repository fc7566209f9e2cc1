"""The database file under real faults: each becomes a pt-BR :class:`DatabaseProblem` at
opening, and the start-up recovery lets the desk start anyway without losing a byte.

Faults are real: a full 64 KiB tmpfs, a tmpfs remounted read-only, a file bind-mounted
read-only, garbage written over the file's header, another process in ``BEGIN EXCLUSIVE``.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
import sqlite_utils
from disk_faults import LockHolder, read_only_file, read_only_tmpfs, tiny_tmpfs

from desktop.store.database import DatabaseProblem, Fault, open_database
from desktop.store.database_recovery import Choice, open_with_recovery
from desktop.store.history import CallHistory
from desktop.store.outbox import Outbox

CLOCK = datetime(2026, 3, 14, 9, 26, 53)


def _seed(path: Path) -> None:
    """A database with one pending outbox item, as a desk leaves it."""
    db = open_database(path)
    Outbox(db)
    db.execute("CREATE TABLE keep (text TEXT)")
    db.execute("INSERT INTO keep VALUES ('envio pendente')")
    db.conn.commit()
    db.conn.close()


def _damage(path: Path) -> bytes:
    original = path.read_bytes()
    with open(path, "r+b") as f:
        f.write(b"isto nao e um banco sqlite!" * 4)  # over the 100-byte header
    return original


def _problem(path: Path, **kwargs: float) -> DatabaseProblem:
    with pytest.raises(DatabaseProblem) as caught:
        open_database(path, **kwargs)
    assert "Traceback" not in caught.value.message
    return caught.value


def test_damaged_file_is_reported_in_portuguese(tmp_path: Path) -> None:
    path = tmp_path / "ramal.sqlite3"
    _seed(path)
    _damage(path)
    problem = _problem(path)
    assert problem.fault is Fault.DAMAGED
    assert "danificado" in problem.message and str(path) in problem.message


def test_full_disk_is_reported(tmp_path: Path) -> None:
    with tiny_tmpfs(tmp_path / "disk", full=True) as disk:
        problem = _problem(disk / "ramal.sqlite3")
    assert problem.fault is Fault.FULL and "disco está cheio" in problem.message


def test_read_only_folder_is_reported(tmp_path: Path) -> None:
    with read_only_tmpfs(tmp_path / "home", lambda _folder: None) as home:
        problem = _problem(home / "Ramal" / "ramal.sqlite3")
    assert problem.fault is Fault.UNWRITABLE and "permissão" in problem.message


def test_read_only_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "ramal.sqlite3"
    _seed(path)
    with read_only_file(path):
        problem = _problem(path)
    assert problem.fault is Fault.UNWRITABLE


def test_locked_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "ramal.sqlite3"
    _seed(path)
    with LockHolder(path):
        problem = _problem(path, busy_timeout_s=0.2)
    assert problem.fault is Fault.LOCKED and "em uso" in problem.message
    open_database(path).conn.close()  # released: it opens again


def _build(target: Path | str) -> sqlite_utils.Database:
    db = open_database(target)
    CallHistory(db)
    Outbox(db)
    return db


def test_damaged_file_moved_aside_keeps_its_bytes_and_starts_fresh(tmp_path: Path) -> None:
    path = tmp_path / "ramal.sqlite3"
    _seed(path)
    _damage(path)
    damaged = path.read_bytes()
    asked: list[tuple[Fault, list[Choice]]] = []

    def choose(problem: DatabaseProblem, choices: list[Choice]) -> Choice:
        asked.append((problem.fault, choices))
        return Choice.MOVE_ASIDE

    opened = open_with_recovery(path, _build, choose, lambda: CLOCK)
    assert opened is not None
    assert asked == [(Fault.DAMAGED, [Choice.MOVE_ASIDE, Choice.WITHOUT_HISTORY, Choice.QUIT])]
    kept = tmp_path / "ramal.sqlite3.danificado-20260314-092653"
    assert kept.read_bytes() == damaged          # nothing lost: the technician gets it all
    assert str(kept) in opened.notice
    assert opened.value.execute("SELECT count(*) FROM calls").fetchone() == (0,)
    opened.value.conn.close()
    assert path.exists()                         # the fresh database is a file, not memory


def test_without_history_runs_in_memory_and_says_so(tmp_path: Path) -> None:
    with read_only_tmpfs(tmp_path / "home", lambda _folder: None) as home:
        opened = open_with_recovery(home / "ramal.sqlite3", _build,
                                    lambda _p, _c: Choice.WITHOUT_HISTORY, lambda: CLOCK)
    assert opened is not None
    assert "sem histórico" in opened.notice and "permissão" in opened.notice
    assert opened.value.execute("SELECT count(*) FROM calls").fetchone() == (0,)


def test_locked_then_retry_opens_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "ramal.sqlite3"
    _seed(path)
    holder = LockHolder(path)

    def build(target: Path | str) -> sqlite_utils.Database:
        return open_database(target, busy_timeout_s=0.2)

    def choose(problem: DatabaseProblem, choices: list[Choice]) -> Choice:
        assert problem.fault is Fault.LOCKED and choices[0] is Choice.RETRY
        holder.release()  # the agent closed the other program
        return Choice.RETRY

    try:
        opened = open_with_recovery(path, build, choose, lambda: CLOCK)
    finally:
        holder.release()
    assert opened is not None and opened.notice == ""
    assert opened.value.execute("SELECT text FROM keep").fetchone() == ("envio pendente",)
    opened.value.conn.close()


def test_quit_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "ramal.sqlite3"
    _seed(path)
    _damage(path)
    before = path.read_bytes()
    assert open_with_recovery(path, _build, lambda _p, _c: Choice.QUIT, lambda: CLOCK) is None
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == [
        "ramal.sqlite3"]


def test_other_sqlite_errors_are_not_disguised(tmp_path: Path) -> None:
    def broken(_target: Path | str) -> sqlite_utils.Database:
        raise sqlite3.ProgrammingError("a bug of ours")

    with pytest.raises(sqlite3.ProgrammingError):
        open_with_recovery(tmp_path / "x.sqlite3", broken, lambda _p, _c: Choice.QUIT,
                           lambda: CLOCK)

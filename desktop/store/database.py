"""Opening Ramal's SQLite database and upgrading its schema, one component at a time.

Each store module (history, outbox, phone index...) owns its tables and lists its schema changes
as ordered migration functions; :func:`apply_migrations` runs the ones a database has not seen
yet and records the component's version, so modules evolve independently and an old database
is upgraded in place on start-up.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import platformdirs
import sqlite_utils

from desktop import APP_NAME
from desktop.private_files import ensure_private_dir, narrow_private_database, prepare_private_file

Migration = Callable[[sqlite_utils.Database], None]


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "ramal.sqlite3"


def open_database(path: Path | str | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) the database; ``":memory:"`` gives a private in-memory one."""
    if path == ":memory:":
        conn = sqlite3.connect(":memory:", check_same_thread=False)
    else:
        target = Path(path) if path is not None else default_database_path()
        # customers' names and phones: 0700 folder, 0600 file (SQLite gives -wal/-shm its mode)
        ensure_private_dir(target.parent, narrow_existing=path is None)
        prepare_private_file(target)
        # check_same_thread=False: the outbox worker and the GUI share one connection, and
        # every access goes through the asyncio loop's thread anyway
        conn = sqlite3.connect(str(target), check_same_thread=False, timeout=5.0)
        # WAL lets a second process (the headless agent, a diagnostic export) read while we write
        conn.execute("PRAGMA journal_mode=WAL")
        narrow_private_database(target)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")
    return sqlite_utils.Database(conn)


def schema_version(db: sqlite_utils.Database, component: str) -> int:
    if "_migrations" not in db.table_names():
        return 0
    row = db.execute(
        "SELECT version FROM _migrations WHERE component = ?", [component]
    ).fetchone()
    return int(row[0]) if row else 0


def apply_migrations(
    db: sqlite_utils.Database, component: str, steps: Sequence[Migration]
) -> int:
    """Run the migrations of ``component`` the database has not seen; return the new version."""
    db["_migrations"].create(  # type: ignore[union-attr]
        {"component": str, "version": int}, pk="component", if_not_exists=True
    )
    current = schema_version(db, component)
    for version, step in enumerate(steps, start=1):
        if version <= current:
            continue
        with db.conn:  # each step and its version bump commit together, or not at all
            step(db)
            db.execute(
                "INSERT INTO _migrations(component, version) VALUES (?, ?) "
                "ON CONFLICT(component) DO UPDATE SET version = excluded.version",
                [component, version],
            )
    return max(current, len(steps))

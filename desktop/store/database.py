"""Opening Ramal's SQLite database and upgrading its schema, one component at a time.

Each store module (history, outbox, phone index...) owns its tables and lists its schema changes
as ordered migration functions; :func:`apply_migrations` runs the ones a database has not seen
yet and records the component's version, so modules evolve independently and an old database
is upgraded in place on start-up.

A step that has shipped is never rewritten: desks already ran it, and a new database must end
up with the same schema as an upgraded one. New steps use sqlite-utils' table helpers
(``create``, ``add_column``, ``create_index``, ``transform``). Each step runs in one transaction
with its version bump (SQLite's schema changes are transactional), so a crash half-way through a
step leaves the previous version, and the next start runs the step again from its beginning.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from enum import Enum
from pathlib import Path

import platformdirs
import sqlite_utils

from desktop import APP_NAME
from desktop.i18n import tr
from desktop.privacy.files import ensure_private_dir, narrow_private_database, prepare_private_file
from desktop.store.rows import first_row
from desktop.store.transaction import atomic

Migration = Callable[[sqlite_utils.Database], None]

_CONTEXT = "database"


class Fault(Enum):
    """Why the database file cannot be used; each has its own way out at start-up."""

    DAMAGED = "damaged"        # not a database any more: move it aside and start fresh
    FULL = "full"              # no space left on the disk
    UNWRITABLE = "unwritable"  # the folder or the file refuses writes (permissions, read-only)
    LOCKED = "locked"          # another process holds it (a second Ramal, a backup tool)


class DatabaseProblem(sqlite3.Error):
    """The database at ``path`` cannot be opened or written; ``message`` says why in pt-BR."""

    def __init__(self, fault: Fault, path: Path, detail: str) -> None:
        self.fault, self.path, self.detail = fault, path, detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = str(self.path)
        texts = {
            Fault.DAMAGED: tr(_CONTEXT, "O banco de dados do Ramal está danificado ({path})."),
            Fault.FULL: tr(_CONTEXT, "O disco está cheio: o Ramal não consegue gravar o "
                                     "histórico em {path}. Libere espaço no disco."),
            Fault.UNWRITABLE: tr(_CONTEXT, "O Ramal não tem permissão para gravar o banco de "
                                           "dados em {path} (pasta ou arquivo somente leitura)."),
            Fault.LOCKED: tr(_CONTEXT, "O banco de dados {path} está em uso por outro programa "
                                       "(outro Ramal aberto, um backup). Feche-o e tente de "
                                       "novo."),
        }
        return texts[self.fault].format(path=where)

    @property
    def reason(self) -> str:
        """The fault in a few pt-BR words, for a notice that goes on with what it means."""
        texts = {
            Fault.DAMAGED: tr(_CONTEXT, "o banco de dados está danificado"),
            Fault.FULL: tr(_CONTEXT, "disco cheio"),
            Fault.UNWRITABLE: tr(_CONTEXT, "o disco ou o arquivo está somente leitura"),
            Fault.LOCKED: tr(_CONTEXT, "o banco de dados está em uso por outro programa"),
        }
        return texts[self.fault]


_FAULT_BY_SQLITE_CODE = {
    sqlite3.SQLITE_CORRUPT: Fault.DAMAGED,
    sqlite3.SQLITE_NOTADB: Fault.DAMAGED,
    sqlite3.SQLITE_FULL: Fault.FULL,
    sqlite3.SQLITE_READONLY: Fault.UNWRITABLE,
    sqlite3.SQLITE_CANTOPEN: Fault.UNWRITABLE,
    sqlite3.SQLITE_PERM: Fault.UNWRITABLE,
    sqlite3.SQLITE_BUSY: Fault.LOCKED,
    sqlite3.SQLITE_LOCKED: Fault.LOCKED,
}
_FAULT_BY_ERRNO = {errno.ENOSPC: Fault.FULL, errno.EDQUOT: Fault.FULL,
                   errno.EACCES: Fault.UNWRITABLE, errno.EPERM: Fault.UNWRITABLE,
                   errno.EROFS: Fault.UNWRITABLE}


def diagnose(exc: BaseException, path: Path | str) -> DatabaseProblem | None:
    """The :class:`DatabaseProblem` behind an sqlite or file error, None if it is none of ours.

    SQLite's result code decides (the primary code: the low byte of an extended one); a disk
    I/O error while writing is a full disk or a read-only mount in practice, told apart by the
    folder's free space.
    """
    target = Path(path)
    if isinstance(exc, DatabaseProblem):
        return exc
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary in _FAULT_BY_SQLITE_CODE:
            return DatabaseProblem(_FAULT_BY_SQLITE_CODE[primary], target, str(exc))
        if primary == sqlite3.SQLITE_IOERR:
            return DatabaseProblem(_io_fault(target), target, str(exc))
        return None
    if isinstance(exc, OSError) and exc.errno in _FAULT_BY_ERRNO:
        return DatabaseProblem(_FAULT_BY_ERRNO[exc.errno], target, str(exc))
    return None


def database_file(db: sqlite_utils.Database) -> Path:
    """The file behind ``db`` (empty for an in-memory one), for :func:`diagnose`."""
    row = db.execute("PRAGMA database_list").fetchone()
    return Path(row[2]) if row and row[2] else Path()


def _io_fault(path: Path) -> Fault:
    import shutil

    folder = path.parent if path.parent.exists() else Path.home()
    try:
        return Fault.FULL if shutil.disk_usage(folder).free < 64 * 1024 else Fault.UNWRITABLE
    except OSError:
        return Fault.UNWRITABLE


def move_aside(path: Path, now: datetime) -> Path:
    """Rename a damaged database (and its WAL and shared-memory files) out of the way.

    Nothing is deleted: the file keeps whatever the outbox and the history still had, for a
    technician to recover; its new name carries the moment so that a second damage does not
    overwrite the first.
    """
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.danificado-{stamp}")
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(target.with_name(target.name + suffix))
    path.rename(target)
    return target


# PRAGMA synchronous on every file database (docs/storage.md says why); 2 is what SQLite reports
SYNCHRONOUS = "FULL"


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "ramal.sqlite3"


def open_database(path: Path | str | None = None, *,
                  busy_timeout_s: float = 5.0) -> sqlite_utils.Database:
    """Open (creating if needed) the database; ``":memory:"`` gives a private in-memory one.

    Raises :class:`DatabaseProblem` (a ``sqlite3.Error``) when the file is damaged, the disk
    full, the folder or file read-only, or another process holds the file past
    ``busy_timeout_s``: opening reads the schema and writes the migrations table, so each of
    these shows here, at start-up, rather than as a lost call later.
    """
    if path == ":memory:":
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        memory.execute("PRAGMA foreign_keys=ON")
        return sqlite_utils.Database(memory)
    target = Path(path) if path is not None else default_database_path()
    conn: sqlite3.Connection | None = None
    try:
        # customers' names and phones: 0700 folder, 0600 file (SQLite gives -wal/-shm its mode)
        ensure_private_dir(target.parent, narrow_existing=path is None)
        prepare_private_file(target)
        # check_same_thread=False: the outbox worker and the GUI share one connection, and
        # every access goes through the asyncio loop's thread anyway
        conn = sqlite3.connect(str(target), check_same_thread=False, timeout=busy_timeout_s)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a damaged header fails
        # WAL lets a second process (the headless agent, a diagnostic export) read while we write
        conn.execute("PRAGMA journal_mode=WAL")
        # FULL, not WAL's usual NORMAL: NORMAL survives a crash of Ramal but a power cut may
        # undo the last commits, i.e. an attendance the agent saw saved and the outbox item
        # that promised its forward. FULL syncs the log on each commit; Ramal commits a few
        # times per call, so the cost is invisible (docs/storage.md)
        conn.execute(f"PRAGMA synchronous={SYNCHRONOUS}")
        narrow_private_database(target)
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
        with conn:  # a first write: a read-only file, a full disk or a lock fail here
            conn.execute("CREATE TABLE IF NOT EXISTS _migrations "
                         "(component TEXT PRIMARY KEY, version INTEGER)")
            conn.execute("DELETE FROM _migrations WHERE component = ''")
    except (sqlite3.Error, OSError) as exc:
        if conn is not None:
            conn.close()
        problem = diagnose(exc, target)
        if problem is None:
            raise
        raise problem from exc
    return sqlite_utils.Database(conn)


def schema_version(db: sqlite_utils.Database, component: str) -> int:
    migrations = db.table("_migrations")
    if not migrations.exists():
        return 0
    row = first_row(migrations.rows_where("component = ?", [component], select="version"))
    return int(row["version"]) if row else 0


def apply_migrations(
    db: sqlite_utils.Database, component: str, steps: Sequence[Migration]
) -> int:
    """Run the migrations of ``component`` the database has not seen; return the new version."""
    migrations = db.table("_migrations")
    migrations.create({"component": str, "version": int}, pk="component", if_not_exists=True)
    current = schema_version(db, component)
    for version, step in enumerate(steps, start=1):
        if version <= current:
            continue
        # atomic, not ``with db.conn``: sqlite3 opens no transaction before CREATE or ALTER, so
        # a step used to commit statement by statement, and a crash before the version bump
        # left a half-made schema that the rerun then tripped over ("table already exists")
        with atomic(db):
            step(db)
            migrations.upsert({"component": component, "version": version}, pk="component")
    return max(current, len(steps))

"""Attendances logged by the agent, the forwards made from them, and the IXC lookup caches.

An attendance row is what the agent filled in the dialog (subject, sector, priority, text,
solved on the call, sections checked); what was *sent* because of it lives in the outbox, linked
by ``attendance_id``. Each attendance also has a random ``uid``: the local ``id`` repeats on
every desk (each has its own database), so what leaves the machine (the IXC ticket's marker, the
OPA observation's reference) is keyed by the ``uid``, which no other desk has.

The subject (``su_oss_assunto``) and ticket-sector (``su_ticket_setor``) caches let the dialog
search offline and instantly; they are refreshed from IXC now and then.
"""

from __future__ import annotations

import json
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from desktop.store.database import apply_migrations
from desktop.store.outbox import from_db_time, to_db_time
from desktop.store.transaction import atomic

COMPONENT = "attendances"


@dataclass(frozen=True)
class Attendance:
    id: int
    created_at: datetime
    agent: str
    customer_id: str
    customer_name: str
    call_id: int | None = None        # calls.id in the history, when logged from a call
    contract_id: str = ""
    login_id: str = ""
    subject_id: str = ""
    ticket_sector_id: str = ""
    priority: str = "M"
    description: str = ""
    solved: bool = False
    sections_checked: tuple[str, ...] = ()
    uid: str = ""                     # globally unique: keys what is sent about it


@dataclass(frozen=True)
class Forward:
    id: int
    attendance_id: int
    sector: str
    destination: str          # "discord", "opa", "ixc", "transfer"
    created_at: datetime
    outbox_item_id: int | None = None
    note: str = ""            # e.g. what OPA could not do, shown as it is


@dataclass(frozen=True)
class Subject:
    """A cached ``su_oss_assunto`` row, with the requirements a ticket insert must meet."""

    id: str
    label: str
    active: bool = True
    purpose: str = ""                 # finalidade: OS, AT...
    requires_contract: bool = False   # contrato_obrigatorio
    requires_login: bool = False      # login_obrigatorio
    requires_process: bool = False    # obrigar_processo_atendimento
    process_id: str = ""              # id_processo (default workflow)
    default_priority: str = ""


@dataclass(frozen=True)
class TicketSector:
    id: str
    name: str
    active: bool = True


def _fold(text: str) -> str:
    """Lower-case without accents, so "conexao" finds "Sem conexão"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _create(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE attendances (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            agent TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            customer_name TEXT NOT NULL,
            call_id INTEGER,
            contract_id TEXT NOT NULL DEFAULT '',
            login_id TEXT NOT NULL DEFAULT '',
            subject_id TEXT NOT NULL DEFAULT '',
            ticket_sector_id TEXT NOT NULL DEFAULT '',
            priority TEXT NOT NULL DEFAULT 'M',
            description TEXT NOT NULL DEFAULT '',
            solved INTEGER NOT NULL DEFAULT 0,
            sections_checked TEXT NOT NULL DEFAULT '[]'
        )
        """
    )
    db.execute("CREATE INDEX attendances_call ON attendances(call_id)")
    db.execute(
        """
        CREATE TABLE attendance_forwards (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            attendance_id INTEGER NOT NULL REFERENCES attendances(id),
            sector TEXT NOT NULL,
            destination TEXT NOT NULL,
            created_at TEXT NOT NULL,
            outbox_item_id INTEGER,
            note TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE TABLE ixc_subjects (id TEXT PRIMARY KEY, label TEXT NOT NULL, "
               "folded TEXT NOT NULL, data TEXT NOT NULL)")
    db.execute("CREATE TABLE ixc_ticket_sectors (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
               "active INTEGER NOT NULL)")
    db.execute("CREATE TABLE ixc_cache_refreshed (name TEXT PRIMARY KEY, at TEXT NOT NULL)")


def _add_uid(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE attendances ADD COLUMN uid TEXT")
    for (row_id,) in db.execute("SELECT id FROM attendances").fetchall():
        db.execute("UPDATE attendances SET uid = ? WHERE id = ?", [new_uid(), row_id])
    db.execute("CREATE UNIQUE INDEX attendances_uid ON attendances(uid)")


MIGRATIONS = [_create, _add_uid]

_ATT_FIELDS = (
    "created_at, agent, customer_id, customer_name, call_id, contract_id, login_id, "
    "subject_id, ticket_sector_id, priority, description, solved, sections_checked, uid"
)
_ATT_COLUMNS = f"id, {_ATT_FIELDS}"


def new_uid() -> str:
    """A key no other desk (database) will ever produce: random, not a counter."""
    return str(uuid.uuid4())


def _attendance(row: Sequence[Any]) -> Attendance:
    return Attendance(
        id=int(row[0]), created_at=from_db_time(row[1]), agent=row[2], customer_id=row[3],
        customer_name=row[4], call_id=row[5], contract_id=row[6], login_id=row[7],
        subject_id=row[8], ticket_sector_id=row[9], priority=row[10], description=row[11],
        solved=bool(row[12]), sections_checked=tuple(json.loads(row[13])), uid=row[14],
    )


class AttendanceStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        apply_migrations(db, COMPONENT, MIGRATIONS)

    # --- attendances and forwards -------------------------------------------------------------

    def transaction(self) -> AbstractContextManager[None]:
        """One transaction on this database; the other stores on it (outbox, history) join it.

        A command that writes several rows (attendance, outbox item, forward, the call marked
        logged) runs inside it, so a crash leaves all of them or none.
        """
        return atomic(self._db)

    def add(
        self, *, created_at: datetime, agent: str, customer_id: str, customer_name: str,
        call_id: int | None = None, contract_id: str = "", login_id: str = "",
        subject_id: str = "", ticket_sector_id: str = "", priority: str = "M",
        description: str = "", solved: bool = False, sections_checked: Iterable[str] = (),
    ) -> Attendance:
        with atomic(self._db):
            cursor = self._db.execute(
                f"INSERT INTO attendances ({_ATT_FIELDS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [to_db_time(created_at), agent, customer_id, customer_name, call_id,
                 contract_id, login_id, subject_id, ticket_sector_id, priority, description,
                 int(solved), json.dumps(sorted(set(sections_checked))), new_uid()],
            )
        assert cursor.lastrowid is not None
        return self.get(cursor.lastrowid)

    def get(self, attendance_id: int) -> Attendance:
        row = self._db.execute(f"SELECT {_ATT_COLUMNS} FROM attendances WHERE id = ?",
                               [attendance_id]).fetchone()
        if row is None:
            raise KeyError(attendance_id)
        return _attendance(row)

    def for_call(self, call_id: int) -> list[Attendance]:
        rows = self._db.execute(f"SELECT {_ATT_COLUMNS} FROM attendances WHERE call_id = ? "
                                "ORDER BY id", [call_id]).fetchall()
        return [_attendance(r) for r in rows]

    def recent(self, limit: int = 100) -> list[Attendance]:
        rows = self._db.execute(f"SELECT {_ATT_COLUMNS} FROM attendances ORDER BY id DESC "
                                "LIMIT ?", [limit]).fetchall()
        return [_attendance(r) for r in rows]

    def add_forward(self, *, attendance_id: int, sector: str, destination: str,
                    created_at: datetime, outbox_item_id: int | None = None,
                    note: str = "") -> Forward:
        with atomic(self._db):
            cursor = self._db.execute(
                "INSERT INTO attendance_forwards (attendance_id, sector, destination, "
                "created_at, outbox_item_id, note) VALUES (?, ?, ?, ?, ?, ?)",
                [attendance_id, sector, destination, to_db_time(created_at), outbox_item_id,
                 note],
            )
        assert cursor.lastrowid is not None
        return Forward(cursor.lastrowid, attendance_id, sector, destination, created_at,
                       outbox_item_id, note)

    def forwards(self, attendance_id: int) -> list[Forward]:
        rows = self._db.execute(
            "SELECT id, attendance_id, sector, destination, created_at, outbox_item_id, note "
            "FROM attendance_forwards WHERE attendance_id = ? ORDER BY id", [attendance_id],
        ).fetchall()
        return [Forward(int(r[0]), int(r[1]), r[2], r[3], from_db_time(r[4]), r[5], r[6])
                for r in rows]

    # --- IXC caches ---------------------------------------------------------------------------

    def replace_subjects(self, subjects: Iterable[Subject], now: datetime) -> None:
        with atomic(self._db):
            self._db.execute("DELETE FROM ixc_subjects")
            for s in subjects:
                data = {k: v for k, v in s.__dict__.items()}
                self._db.execute(
                    "INSERT INTO ixc_subjects (id, label, folded, data) VALUES (?, ?, ?, ?)",
                    [s.id, s.label, _fold(s.label), json.dumps(data, ensure_ascii=False)])
            self._mark_refreshed("subjects", now)

    def subject(self, subject_id: str) -> Subject | None:
        row = self._db.execute("SELECT data FROM ixc_subjects WHERE id = ?",
                               [subject_id]).fetchone()
        return Subject(**json.loads(row[0])) if row else None

    def search_subjects(self, text: str = "", *, include_inactive: bool = False,
                        limit: int = 50) -> list[Subject]:
        """Subjects whose label contains every word of ``text`` (accents and case ignored)."""
        words = _fold(text).split()
        clause = " AND ".join("folded LIKE ?" for _ in words) or "1 = 1"
        rows = self._db.execute(
            f"SELECT data FROM ixc_subjects WHERE {clause} ORDER BY label",
            [f"%{w}%" for w in words],
        ).fetchall()
        found = [Subject(**json.loads(r[0])) for r in rows]
        return [s for s in found if include_inactive or s.active][:limit]

    def replace_ticket_sectors(self, sectors: Iterable[TicketSector], now: datetime) -> None:
        with atomic(self._db):
            self._db.execute("DELETE FROM ixc_ticket_sectors")
            for s in sectors:
                self._db.execute("INSERT INTO ixc_ticket_sectors (id, name, active) "
                                 "VALUES (?, ?, ?)", [s.id, s.name, int(s.active)])
            self._mark_refreshed("ticket_sectors", now)

    def ticket_sectors(self) -> list[TicketSector]:
        rows = self._db.execute("SELECT id, name, active FROM ixc_ticket_sectors "
                                "WHERE active = 1 ORDER BY name").fetchall()
        return [TicketSector(r[0], r[1], bool(r[2])) for r in rows]

    def _mark_refreshed(self, name: str, now: datetime) -> None:
        self._db.execute("INSERT INTO ixc_cache_refreshed (name, at) VALUES (?, ?) "
                         "ON CONFLICT(name) DO UPDATE SET at = excluded.at",
                         [name, to_db_time(now)])

    def refreshed_at(self, name: str) -> datetime | None:
        """When the ``"subjects"`` or ``"ticket_sectors"`` cache was last filled."""
        row = self._db.execute("SELECT at FROM ixc_cache_refreshed WHERE name = ?",
                               [name]).fetchone()
        return from_db_time(row[0]) if row else None

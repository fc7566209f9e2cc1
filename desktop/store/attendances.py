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
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from datetime import datetime

import sqlite_utils

from desktop.store.database import apply_migrations
from desktop.store.rows import Row, first_row, row_by_pk, update_row
from desktop.store.section_values import rename_old_sections
from desktop.store.timestamps import from_db_time, to_db_time
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
    # "aberto": its IXC ticket was opened during the call and the agent has not logged it yet;
    # "registrado": logged (the dialog was submitted)
    state: str = "registrado"
    evidence: str = ""                # what the card showed (checklist snapshot), as written
    override_reason: str = ""         # why it was logged without a section its subject requires


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


def _one_section_vocabulary(db: sqlite_utils.Database) -> None:
    rename_old_sections(db, "attendances")


def _add_opening(db: sqlite_utils.Database) -> None:
    """The ticket opened during the call (issue 16): a row exists before the dialog is filled."""
    db.execute("ALTER TABLE attendances ADD COLUMN state TEXT NOT NULL DEFAULT 'registrado'")
    db.execute("ALTER TABLE attendances ADD COLUMN evidence TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE attendances ADD COLUMN override_reason TEXT NOT NULL DEFAULT ''")


MIGRATIONS = [_create, _add_uid, _one_section_vocabulary, _add_opening]

OPEN = "aberto"
LOGGED = "registrado"

def new_uid() -> str:
    """A key no other desk (database) will ever produce: random, not a counter."""
    return str(uuid.uuid4())


def _attendance(row: Row) -> Attendance:
    return Attendance(
        id=int(row["id"]), created_at=from_db_time(row["created_at"]), agent=row["agent"],
        customer_id=row["customer_id"], customer_name=row["customer_name"],
        call_id=row["call_id"], contract_id=row["contract_id"], login_id=row["login_id"],
        subject_id=row["subject_id"], ticket_sector_id=row["ticket_sector_id"],
        priority=row["priority"], description=row["description"], solved=bool(row["solved"]),
        sections_checked=tuple(json.loads(row["sections_checked"])), uid=row["uid"],
        state=row["state"], evidence=row["evidence"], override_reason=row["override_reason"],
    )


def _forward(row: Row) -> Forward:
    return Forward(id=int(row["id"]), attendance_id=int(row["attendance_id"]),
                   sector=row["sector"], destination=row["destination"],
                   created_at=from_db_time(row["created_at"]),
                   outbox_item_id=row["outbox_item_id"], note=row["note"])


class AttendanceStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        apply_migrations(db, COMPONENT, MIGRATIONS)
        self._attendances = db.table("attendances")
        self._forwards = db.table("attendance_forwards")
        self._subjects = db.table("ixc_subjects")
        self._sectors = db.table("ixc_ticket_sectors")
        self._refreshed = db.table("ixc_cache_refreshed")

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
        state: str = LOGGED, evidence: str = "", override_reason: str = "",
    ) -> Attendance:
        with atomic(self._db):
            self._attendances.insert({
                "state": state, "evidence": evidence, "override_reason": override_reason,
                "created_at": to_db_time(created_at), "agent": agent,
                "customer_id": customer_id, "customer_name": customer_name,
                "call_id": call_id, "contract_id": contract_id, "login_id": login_id,
                "subject_id": subject_id, "ticket_sector_id": ticket_sector_id,
                "priority": priority, "description": description, "solved": int(solved),
                "sections_checked": json.dumps(sorted(set(sections_checked))),
                "uid": new_uid(),
            })
            row_id = self._attendances.last_rowid
        assert row_id is not None
        return self.get(row_id)

    def open_for_call(self, call_id: int) -> Attendance | None:
        """The attendance whose ticket was opened during this call and is not logged yet."""
        rows = self._attendances.rows_where("call_id = ? AND state = ?", [call_id, OPEN],
                                            order_by="id", limit=1)
        row = first_row(rows)
        return _attendance(row) if row else None

    def open_attendances(self, limit: int = 100) -> list[Attendance]:
        rows = self._attendances.rows_where("state = ?", [OPEN], order_by="id DESC",
                                            limit=int(limit))
        return [_attendance(r) for r in rows]

    def complete(self, attendance_id: int, *, subject_id: str, ticket_sector_id: str,
                 priority: str, description: str, solved: bool, contract_id: str,
                 login_id: str, sections_checked: Iterable[str], evidence: str = "",
                 override_reason: str = "") -> Attendance:
        """The log dialog's values written over an open attendance, now "registrado"."""
        with atomic(self._db):
            update_row(self._attendances, attendance_id, {
                "state": LOGGED, "subject_id": subject_id, "ticket_sector_id": ticket_sector_id,
                "priority": priority, "description": description, "solved": int(solved),
                "contract_id": contract_id, "login_id": login_id,
                "sections_checked": json.dumps(sorted(set(sections_checked))),
                "evidence": evidence, "override_reason": override_reason,
            })
        return self.get(attendance_id)

    def get(self, attendance_id: int) -> Attendance:
        return _attendance(row_by_pk(self._attendances, attendance_id))

    def for_call(self, call_id: int) -> list[Attendance]:
        rows = self._attendances.rows_where("call_id = ?", [call_id], order_by="id")
        return [_attendance(r) for r in rows]

    def recent(self, limit: int = 100) -> list[Attendance]:
        rows = self._attendances.rows_where(order_by="id DESC", limit=int(limit))
        return [_attendance(r) for r in rows]

    def created_between(self, start: datetime, end: datetime) -> list[Attendance]:
        """Attendances created in ``[start, end)``, oldest first (for the desk's figures)."""
        rows = self._attendances.rows_where("created_at >= ? AND created_at < ?",
                                            [to_db_time(start), to_db_time(end)], order_by="id")
        return [_attendance(r) for r in rows]

    def forwards_between(self, start: datetime, end: datetime) -> list[Forward]:
        rows = self._forwards.rows_where("created_at >= ? AND created_at < ?",
                                         [to_db_time(start), to_db_time(end)], order_by="id")
        return [_forward(r) for r in rows]

    def add_forward(self, *, attendance_id: int, sector: str, destination: str,
                    created_at: datetime, outbox_item_id: int | None = None,
                    note: str = "") -> Forward:
        with atomic(self._db):
            self._forwards.insert({
                "attendance_id": attendance_id, "sector": sector, "destination": destination,
                "created_at": to_db_time(created_at), "outbox_item_id": outbox_item_id,
                "note": note,
            })
            row_id = self._forwards.last_rowid
        assert row_id is not None
        return Forward(row_id, attendance_id, sector, destination, created_at,
                       outbox_item_id, note)

    def forwards(self, attendance_id: int) -> list[Forward]:
        rows = self._forwards.rows_where("attendance_id = ?", [attendance_id], order_by="id")
        return [_forward(r) for r in rows]

    # --- IXC caches ---------------------------------------------------------------------------

    def replace_subjects(self, subjects: Iterable[Subject], now: datetime) -> None:
        with atomic(self._db):
            self._subjects.delete_where()
            self._subjects.insert_all(
                {"id": s.id, "label": s.label, "folded": _fold(s.label),
                 "data": json.dumps(asdict(s), ensure_ascii=False)} for s in subjects)
            self._mark_refreshed("subjects", now)

    def subject(self, subject_id: str) -> Subject | None:
        row = first_row(self._subjects.rows_where("id = ?", [subject_id], select="data"))
        return Subject(**json.loads(row["data"])) if row else None

    def search_subjects(self, text: str = "", *, include_inactive: bool = False,
                        limit: int = 50) -> list[Subject]:
        """Subjects whose label contains every word of ``text`` (accents and case ignored)."""
        words = _fold(text).split()
        clause = " AND ".join("folded LIKE ?" for _ in words) or "1 = 1"
        rows = self._subjects.rows_where(clause, [f"%{w}%" for w in words], select="data",
                                         order_by="label")
        found = [Subject(**json.loads(r["data"])) for r in rows]
        return [s for s in found if include_inactive or s.active][:limit]

    def replace_ticket_sectors(self, sectors: Iterable[TicketSector], now: datetime) -> None:
        with atomic(self._db):
            self._sectors.delete_where()
            self._sectors.insert_all(
                {"id": s.id, "name": s.name, "active": int(s.active)} for s in sectors)
            self._mark_refreshed("ticket_sectors", now)

    def ticket_sectors(self) -> list[TicketSector]:
        rows = self._sectors.rows_where("active = 1", order_by="name")
        return [TicketSector(r["id"], r["name"], bool(r["active"])) for r in rows]

    def _mark_refreshed(self, name: str, now: datetime) -> None:
        self._refreshed.upsert({"name": name, "at": to_db_time(now)}, pk="name")

    def refreshed_at(self, name: str) -> datetime | None:
        """When the ``"subjects"`` or ``"ticket_sectors"`` cache was last filled."""
        row = first_row(self._refreshed.rows_where("name = ?", [name]))
        return from_db_time(row["at"]) if row else None

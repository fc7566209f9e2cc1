"""Call history: every call the extension saw, who it was, how it ended, and whether it was logged.

The SIP side reports a call's start, answer and end; the app adds the customer once IXC answers;
the attendance service marks the call logged. Durations are talk time (answer → end). A call
answered on another device ("answered elsewhere") has no talk time Ramal could measure, so its
duration stays unknown until corrected (by the agent, or from the PBX) with
:meth:`CallHistory.correct_duration`; the ring time is kept apart in ``ring_s``.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from desktop.sip.events import CallOutcome
from desktop.store.database import apply_migrations, database_file
from desktop.store.history_filter import HistoryFilter
from desktop.store.rows import Row, first_row, row_by_pk, update_row
from desktop.store.section_values import rename_old_sections
from desktop.store.timestamps import from_db_time, optional_db_time, to_db_time
from desktop.store.transaction import atomic

COMPONENT = "history"


class CallDirection(enum.StrEnum):
    INBOUND = "entrada"
    OUTBOUND = "saida"


@dataclass(frozen=True)
class CallRecord:
    id: int
    call_key: str                 # the SIP engine's call id: recording it twice is a no-op
    number: str                   # normalised (E.164 or extension)
    direction: CallDirection
    started_at: datetime
    extension: str = ""
    customer_id: str = ""
    customer_name: str = ""
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    outcome: CallOutcome | None = None    # None while the call is in progress
    duration_s: int | None = None         # talk time; None when unknown
    ring_s: int | None = None
    duration_corrected: bool = False
    logged: bool = False
    sections_checked: tuple[str, ...] = ()
    transferred_to: str = ""              # the extension/queue it was transferred to
    transfer_mode: str = ""               # "blind" or "attended"
    callback_of: int | None = None        # the missed call this outgoing call returns

    @property
    def in_progress(self) -> bool:
        return self.outcome is None


def _create(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE calls (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            call_key TEXT NOT NULL UNIQUE,
            number TEXT NOT NULL,
            direction TEXT NOT NULL,
            started_at TEXT NOT NULL,
            extension TEXT NOT NULL DEFAULT '',
            customer_id TEXT NOT NULL DEFAULT '',
            customer_name TEXT NOT NULL DEFAULT '',
            answered_at TEXT,
            ended_at TEXT,
            outcome TEXT,
            duration_s INTEGER,
            ring_s INTEGER,
            duration_corrected INTEGER NOT NULL DEFAULT 0,
            logged INTEGER NOT NULL DEFAULT 0,
            sections_checked TEXT NOT NULL DEFAULT '[]'
        )
        """
    )
    db.execute("CREATE INDEX calls_started ON calls(started_at)")
    db.execute("CREATE INDEX calls_outcome ON calls(outcome, logged)")
    db.execute("CREATE INDEX calls_number ON calls(number)")


def _one_section_vocabulary(db: sqlite_utils.Database) -> None:
    rename_old_sections(db, "calls")


def _add_transfers_and_callbacks(db: sqlite_utils.Database) -> None:
    """Issue 16: the "transferida" outcome's target, and callbacks linked to the missed call."""
    db.execute("ALTER TABLE calls ADD COLUMN transferred_to TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE calls ADD COLUMN transfer_mode TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE calls ADD COLUMN callback_of INTEGER")
    db.execute("CREATE INDEX calls_callback_of ON calls(callback_of)")


MIGRATIONS = [_create, _one_section_vocabulary, _add_transfers_and_callbacks]

# what the "Retornar" list offers: the agent's missed calls, and calls answered on another
# device that nobody logged, from a known customer, with no answered callback yet
_CALLBACK_DUE = (
    f"c.direction = '{CallDirection.INBOUND.value}' AND c.customer_id != '' "
    "AND (c.outcome = 'missed' "
    "OR (c.outcome = 'answered_elsewhere' AND c.logged = 0)) AND NOT EXISTS ("
    "SELECT 1 FROM calls r WHERE r.callback_of = c.id AND r.outcome IN "
    "('completed', 'transferred'))"
)


def _row(row: Row) -> CallRecord:
    return CallRecord(
        id=int(row["id"]), call_key=row["call_key"], number=row["number"],
        direction=CallDirection(row["direction"]), started_at=from_db_time(row["started_at"]),
        extension=row["extension"], customer_id=row["customer_id"],
        customer_name=row["customer_name"], answered_at=optional_db_time(row["answered_at"]),
        ended_at=optional_db_time(row["ended_at"]),
        outcome=CallOutcome(row["outcome"]) if row["outcome"] else None,
        duration_s=row["duration_s"], ring_s=row["ring_s"],
        duration_corrected=bool(row["duration_corrected"]), logged=bool(row["logged"]),
        sections_checked=tuple(json.loads(row["sections_checked"])),
        transferred_to=row["transferred_to"], transfer_mode=row["transfer_mode"],
        callback_of=row["callback_of"],
    )


def _seconds(start: datetime, end: datetime) -> int:
    return max(0, round((end - start).total_seconds()))


class CallHistory:
    """The ``calls`` table. ``loggable`` outcomes are the ones that need an attendance logged."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        loggable: Iterable[CallOutcome] = (CallOutcome.COMPLETED,),
    ) -> None:
        self._db = db
        # companion mode: the agent answers on a desk phone, so "answered elsewhere" is theirs
        self._loggable = tuple(loggable)
        if CallOutcome.COMPLETED in self._loggable:   # a transferred call was talked here
            self._loggable += (CallOutcome.TRANSFERRED,)
        # where the file is, so a refused write can be told apart (disk full / read-only)
        self.path = database_file(db)
        apply_migrations(db, COMPONENT, MIGRATIONS)
        self._calls = db.table("calls")

    def _update(self, call_id: int, changes: Mapping[str, Any]) -> CallRecord:
        # atomic: joins the transaction of a command that logs an attendance with this call
        with atomic(self._db):
            update_row(self._calls, call_id, changes)
        return self.get(call_id)

    # --- recording ----------------------------------------------------------------------------

    def record_start(
        self, call_key: str, *, number: str, direction: CallDirection, started_at: datetime,
        extension: str = "", customer_id: str = "", customer_name: str = "",
    ) -> CallRecord:
        # atomic, not ``with conn``: that would commit a caller's open transaction
        with atomic(self._db):
            # ignore: the same call reported twice keeps its first row
            self._calls.insert({
                "call_key": call_key, "number": number, "direction": direction.value,
                "started_at": to_db_time(started_at), "extension": extension,
                "customer_id": customer_id, "customer_name": customer_name,
            }, ignore=True)
        found = self.by_key(call_key)
        assert found is not None
        return found

    def set_customer(self, call_id: int, customer_id: str, customer_name: str) -> CallRecord:
        return self._update(call_id, {"customer_id": customer_id,
                                      "customer_name": customer_name})

    def record_answer(self, call_id: int, answered_at: datetime) -> CallRecord:
        return self._update(call_id, {"answered_at": to_db_time(answered_at)})

    def record_end(self, call_id: int, ended_at: datetime, outcome: CallOutcome) -> CallRecord:
        call = self.get(call_id)
        if call.transferred_to and outcome is CallOutcome.COMPLETED:
            outcome = CallOutcome.TRANSFERRED
        if call.answered_at is not None and outcome in (CallOutcome.COMPLETED,
                                                        CallOutcome.TRANSFERRED):
            duration: int | None = _seconds(call.answered_at, ended_at)
            ring: int | None = _seconds(call.started_at, call.answered_at)
        else:
            # not talked here: the whole time was ringing; talk time (if any) is unknown
            duration = 0 if outcome in (CallOutcome.MISSED, CallOutcome.REJECTED,
                                        CallOutcome.FAILED) else None
            ring = _seconds(call.started_at, ended_at)
        if call.duration_corrected:
            duration = call.duration_s
        return self._update(call_id, {"ended_at": to_db_time(ended_at), "outcome": outcome.value,
                                      "duration_s": duration, "ring_s": ring})

    def correct_duration(self, call_id: int, duration_s: int) -> CallRecord:
        """Set the talk time of a call Ramal could not time (answered on another device)."""
        if duration_s < 0:
            raise ValueError("duration must be >= 0")
        return self._update(call_id, {"duration_s": duration_s, "duration_corrected": 1})

    def mark_sections_checked(self, call_id: int, sections: Iterable[str]) -> CallRecord:
        merged = sorted(set(self.get(call_id).sections_checked) | set(sections))
        return self._update(call_id, {"sections_checked": json.dumps(merged)})

    def mark_transferred(self, call_id: int, target: str, mode: str) -> CallRecord:
        """The call was handed to ``target``; "completed" (now or when it ends) reads
        "transferred"."""
        changes: dict[str, Any] = {"transferred_to": target, "transfer_mode": mode}
        if self.get(call_id).outcome is CallOutcome.COMPLETED:
            changes["outcome"] = CallOutcome.TRANSFERRED.value
        return self._update(call_id, changes)

    def set_callback_of(self, call_id: int, missed_id: int) -> CallRecord:
        """This outgoing call returns ``missed_id`` (placed from the "Retornar" list)."""
        return self._update(call_id, {"callback_of": missed_id})

    def callbacks_due(self, limit: int = 100) -> list[CallRecord]:
        """The "Retornar" list, newest first."""
        rows = self._db.query(f"SELECT c.* FROM calls c WHERE {_CALLBACK_DUE} "
                              "ORDER BY c.started_at DESC, c.id DESC LIMIT ?", [int(limit)])
        return [_row(r) for r in rows]

    def callbacks_of(self, missed_id: int) -> list[CallRecord]:
        """The calls placed to return ``missed_id``, oldest first (answered or not)."""
        rows = self._calls.rows_where("callback_of = ?", [missed_id], order_by="id")
        return [_row(r) for r in rows]

    def mark_logged(self, call_id: int, logged: bool = True) -> CallRecord:
        return self._update(call_id, {"logged": int(logged)})

    # --- reading ------------------------------------------------------------------------------

    def get(self, call_id: int) -> CallRecord:
        return _row(row_by_pk(self._calls, call_id))

    def by_key(self, call_key: str) -> CallRecord | None:
        row = first_row(self._calls.rows_where("call_key = ?", [call_key]))
        return _row(row) if row else None

    def _where(self, which: HistoryFilter) -> tuple[str, list[Any]]:
        if which is HistoryFilter.MISSED:
            return "outcome = ?", [CallOutcome.MISSED.value]
        if which is HistoryFilter.ANSWERED:
            return "outcome IN (?, ?, ?)", [CallOutcome.COMPLETED.value,
                                            CallOutcome.ANSWERED_ELSEWHERE.value,
                                            CallOutcome.TRANSFERRED.value]
        if which is HistoryFilter.NOT_LOGGED:
            marks = ", ".join("?" for _ in self._loggable)
            return f"logged = 0 AND outcome IN ({marks})", [o.value for o in self._loggable]
        return "1 = 1", []

    def calls(
        self,
        which: HistoryFilter = HistoryFilter.ALL,
        *,
        number: str = "",
        customer_id: str = "",
        since: datetime | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> list[CallRecord]:
        """Newest first."""
        clause, params = self._where(which)
        if number:
            clause += " AND number = ?"
            params.append(number)
        if customer_id:
            clause += " AND customer_id = ?"
            params.append(customer_id)
        if since is not None:
            clause += " AND started_at >= ?"
            params.append(to_db_time(since))
        rows = self._calls.rows_where(clause, params, order_by="started_at DESC, id DESC",
                                      limit=int(limit), offset=int(offset))
        return [_row(r) for r in rows]

    def started_between(self, start: datetime, end: datetime) -> list[CallRecord]:
        """Every call started in ``[start, end)``, oldest first (for the desk's figures)."""
        rows = self._calls.rows_where("started_at >= ? AND started_at < ?",
                                      [to_db_time(start), to_db_time(end)],
                                      order_by="started_at, id")
        return [_row(r) for r in rows]

    def count(self, which: HistoryFilter) -> int:
        """E.g. ``count(HistoryFilter.NOT_LOGGED)`` for the tray badge."""
        clause, params = self._where(which)
        return self._calls.count_where(clause, params)

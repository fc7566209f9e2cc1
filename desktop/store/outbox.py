"""The outbox: every outgoing write (IXC ticket, Discord message, OPA call) is stored here first.

An item is written before anything leaves the machine, and its state only moves forward in
single SQLite transactions, so a crash at any point leaves a row that says what is known:

``pendente``  stored, not sent yet (or a transient failure: ``last_error`` says why, and
              ``next_attempt_at`` when the worker tries again);
``enviando``  a request is (or was, at crash time) on the wire: its outcome is unknown until the
              worker reconciles it with the remote side on the next start;
``enviado``   the remote side confirmed it (``result`` holds e.g. the IXC protocol);
``falhou``    a permanent failure, with its reason in pt-BR; the agent may retry it.

Items with the same ``lane`` (e.g. one Discord webhook) are delivered strictly in order, one at a
time; the worker in :mod:`desktop.forward.outbox_worker` enforces that using :meth:`lane_head`.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from desktop.store.database import apply_migrations
from desktop.store.rows import Row, first_row, row_by_pk, update_row
from desktop.store.timestamps import from_db_time, optional_db_time, to_db_time
from desktop.store.transaction import atomic

__all__ = ["DisabledTarget", "Outbox", "OutboxItem", "OutboxState", "from_db_time",
           "to_db_time"]

COMPONENT = "outbox"


class OutboxState(enum.StrEnum):
    PENDING = "pendente"
    SENDING = "enviando"
    SENT = "enviado"
    FAILED = "falhou"


@dataclass(frozen=True)
class OutboxItem:
    id: int
    idempotency_key: str
    kind: str                    # "ixc_ticket", "discord", "opa_note", ...: picks the handler
    target: str                  # which remote place, e.g. the sector name (never a secret)
    lane: str                    # items sharing a lane go out one at a time, in id order
    payload: Mapping[str, Any]
    state: OutboxState
    attempts: int
    next_attempt_at: datetime
    last_error: str
    created_at: datetime
    sent_at: datetime | None
    result: Mapping[str, Any]
    attendance_id: int | None


def _create_outbox(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            idempotency_key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            target TEXT NOT NULL,
            lane TEXT NOT NULL,
            payload TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            last_error TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            sent_at TEXT,
            result TEXT NOT NULL DEFAULT '{}',
            attendance_id INTEGER
        )
        """
    )
    db.execute("CREATE INDEX outbox_lane_state ON outbox(lane, state, id)")
    db.execute("CREATE INDEX outbox_attendance ON outbox(attendance_id)")
    # A remote place that told us to stop (Discord 404 "Unknown Webhook"): keyed by a
    # fingerprint of the URL, so a corrected URL in the settings is usable at once.
    db.execute(
        """
        CREATE TABLE outbox_disabled_targets (
            fingerprint TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            target TEXT NOT NULL,
            reason TEXT NOT NULL,
            disabled_at TEXT NOT NULL
        )
        """
    )


MIGRATIONS = [_create_outbox]

_UNSENT = (OutboxState.PENDING.value, OutboxState.SENDING.value)


def _row_to_item(row: Row) -> OutboxItem:
    return OutboxItem(
        id=int(row["id"]),
        idempotency_key=row["idempotency_key"],
        kind=row["kind"],
        target=row["target"],
        lane=row["lane"],
        payload=json.loads(row["payload"]),
        state=OutboxState(row["state"]),
        attempts=int(row["attempts"]),
        next_attempt_at=from_db_time(row["next_attempt_at"]),
        last_error=row["last_error"],
        created_at=from_db_time(row["created_at"]),
        sent_at=optional_db_time(row["sent_at"]),
        result=json.loads(row["result"]),
        attendance_id=int(row["attendance_id"]) if row["attendance_id"] is not None else None,
    )


@dataclass(frozen=True)
class DisabledTarget:
    fingerprint: str
    kind: str
    target: str
    reason: str
    disabled_at: datetime


def _row_to_disabled(row: Row) -> DisabledTarget:
    return DisabledTarget(row["fingerprint"], row["kind"], row["target"], row["reason"],
                          from_db_time(row["disabled_at"]))


class Outbox:
    """SQLite-backed outbox. All methods are short local transactions (safe on the GUI loop)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        apply_migrations(db, COMPONENT, MIGRATIONS)
        self._outbox = db.table("outbox")
        self._disabled = db.table("outbox_disabled_targets")

    # --- writing ------------------------------------------------------------------------------

    def enqueue(
        self,
        *,
        idempotency_key: str,
        kind: str,
        target: str,
        payload: Mapping[str, Any],
        now: datetime,
        lane: str = "",
        attendance_id: int | None = None,
    ) -> OutboxItem:
        """Store an item to send; the same ``idempotency_key`` always returns the first item."""
        existing = self.by_key(idempotency_key)
        if existing is not None:
            return existing
        stamp = to_db_time(now)
        with atomic(self._db):
            # ignore: a racing enqueue of the same key already stored the first item
            self._outbox.insert({
                "idempotency_key": idempotency_key, "kind": kind, "target": target,
                "lane": lane or f"{kind}:{target}",
                "payload": json.dumps(payload, ensure_ascii=False),
                "state": OutboxState.PENDING.value, "attempts": 0, "next_attempt_at": stamp,
                "created_at": stamp, "attendance_id": attendance_id,
            }, ignore=True)
        item = self.by_key(idempotency_key)
        assert item is not None
        return item

    def mark_sending(
        self, item_id: int, now: datetime, hold_until: datetime | None = None
    ) -> OutboxItem:
        """Record that a request is about to leave: counted as an attempt even if we crash.

        ``hold_until``: if this process dies, the next one waits until then before reconciling,
        so a request the server is still processing has landed by the time we look for it.
        """
        return self._update(item_id, {"state": OutboxState.SENDING.value, "attempts": 1,
                                      "next_attempt_at": to_db_time(hold_until or now)},
                            conversions={"attempts": "attempts + ?"})

    def mark_sent(self, item_id: int, now: datetime, result: Mapping[str, Any]) -> OutboxItem:
        return self._update(item_id, {"state": OutboxState.SENT.value,
                                      "sent_at": to_db_time(now),
                                      "result": json.dumps(result, ensure_ascii=False),
                                      "last_error": ""})

    def mark_retry(self, item_id: int, error: str, next_attempt_at: datetime) -> OutboxItem:
        """A transient failure: back to ``pendente`` with the reason and the next attempt time."""
        return self._update(item_id, {"state": OutboxState.PENDING.value, "last_error": error,
                                      "next_attempt_at": to_db_time(next_attempt_at)})

    def record_progress(self, item_id: int, progress: Mapping[str, Any]) -> OutboxItem:
        """Note, before a multi-step send's write, which write it is (read back on reconcile)."""
        return self._update(item_id, {"result": json.dumps(progress, ensure_ascii=False)})

    def mark_uncertain(self, item_id: int, error: str, next_attempt_at: datetime) -> OutboxItem:
        """The request may or may not have arrived: stay ``enviando`` until reconciled."""
        return self._update(item_id, {"state": OutboxState.SENDING.value, "last_error": error,
                                      "next_attempt_at": to_db_time(next_attempt_at)})

    def mark_failed(self, item_id: int, error: str) -> OutboxItem:
        return self._update(item_id, {"state": OutboxState.FAILED.value, "last_error": error})

    def fail_lane(self, lane: str, error: str) -> list[OutboxItem]:
        """Fail every unsent item of a lane (its destination is gone); return them."""
        with atomic(self._db):
            ids = [int(r["id"]) for r in self._outbox.rows_where(
                "lane = ? AND state IN (?, ?)", [lane, *_UNSENT], order_by="id", select="id")]
            # one statement for the whole lane: sqlite-utils updates one row per call
            self._db.execute(
                "UPDATE outbox SET state = ?, last_error = ? WHERE lane = ? AND state IN (?, ?)",
                [OutboxState.FAILED.value, error, lane, *_UNSENT],
            )
        return [self.get(item_id) for item_id in ids]

    def retry(self, item_id: int, now: datetime) -> OutboxItem:
        """The agent's "tentar de novo": a failed or waiting item is due again right now."""
        item = self.get(item_id)
        if item.state is OutboxState.SENT:
            return item
        # an uncertain item stays "enviando": it is reconciled before anything is re-sent
        state = OutboxState.SENDING if item.state is OutboxState.SENDING else OutboxState.PENDING
        return self._update(item_id, {"state": state.value, "next_attempt_at": to_db_time(now)})

    def _update(self, item_id: int, changes: Mapping[str, Any],
                conversions: Mapping[str, str] | None = None) -> OutboxItem:
        """Set ``changes`` on one item, committed (or joined to an outer :func:`atomic`); the
        item as it is now. KeyError when there is no such item."""
        with atomic(self._db):
            update_row(self._outbox, item_id, changes, conversions)
        return self.get(item_id)

    # --- reading ------------------------------------------------------------------------------

    def get(self, item_id: int) -> OutboxItem:
        return _row_to_item(row_by_pk(self._outbox, item_id))

    def by_key(self, idempotency_key: str) -> OutboxItem | None:
        row = first_row(self._outbox.rows_where("idempotency_key = ?", [idempotency_key]))
        return _row_to_item(row) if row else None

    def items(
        self,
        *,
        states: Sequence[OutboxState] = (),
        attendance_id: int | None = None,
        limit: int = 200,
    ) -> list[OutboxItem]:
        """Newest first, for the UI's list (optionally only some states / one attendance)."""
        where: list[str] = []
        params: list[Any] = []
        if states:
            where.append(f"state IN ({', '.join('?' for _ in states)})")
            params += [s.value for s in states]
        if attendance_id is not None:
            where.append("attendance_id = ?")
            params.append(attendance_id)
        rows = self._outbox.rows_where(" AND ".join(where) or None, params,
                                       order_by="id DESC", limit=int(limit))
        return [_row_to_item(r) for r in rows]

    def counts(self) -> dict[OutboxState, int]:
        rows = self._db.query("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state")
        found = {OutboxState(r["state"]): int(r["n"]) for r in rows}
        return {state: found.get(state, 0) for state in OutboxState}

    def in_flight(self) -> list[OutboxItem]:
        """Items left ``enviando`` by a crash or a kill: their outcome must be reconciled."""
        rows = self._outbox.rows_where("state = ?", [OutboxState.SENDING.value], order_by="id")
        return [_row_to_item(r) for r in rows]

    def active_lanes(self) -> list[str]:
        rows = self._outbox.rows_where("state IN (?, ?)", list(_UNSENT),
                                       select="DISTINCT lane", order_by="lane")
        return [r["lane"] for r in rows]

    def lane_head(self, lane: str) -> OutboxItem | None:
        """The oldest unsent item of a lane: nothing behind it may go out before it."""
        row = first_row(self._outbox.rows_where("lane = ? AND state IN (?, ?)",
                                                [lane, *_UNSENT], order_by="id", limit=1))
        return _row_to_item(row) if row else None

    # --- disabled destinations ----------------------------------------------------------------

    def disable_target(
        self, fingerprint: str, *, kind: str, target: str, reason: str, now: datetime
    ) -> None:
        with atomic(self._db):
            # SQL, not upsert(): a second disable keeps the first kind and target and only
            # refreshes why and when (upsert would overwrite every column it is given)
            self._db.execute(
                "INSERT INTO outbox_disabled_targets (fingerprint, kind, target, reason, "
                "disabled_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(fingerprint) DO UPDATE SET "
                "reason = excluded.reason, disabled_at = excluded.disabled_at",
                [fingerprint, kind, target, reason, to_db_time(now)],
            )

    def enable_target(self, fingerprint: str) -> None:
        with atomic(self._db):
            self._disabled.delete_where("fingerprint = ?", [fingerprint])

    def enable_targets_of(self, kind: str, target: str) -> None:
        with atomic(self._db):
            self._disabled.delete_where("kind = ? AND target = ?", [kind, target])

    def disabled_target(self, fingerprint: str) -> DisabledTarget | None:
        row = first_row(self._disabled.rows_where("fingerprint = ?", [fingerprint]))
        return _row_to_disabled(row) if row else None

    def disabled_targets(self) -> list[DisabledTarget]:
        return [_row_to_disabled(r) for r in self._disabled.rows_where(order_by="disabled_at")]

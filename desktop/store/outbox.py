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
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from desktop.store.database import apply_migrations
from desktop.store.transaction import atomic

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


# Timestamps are stored as fixed-width UTC text so that SQL string comparison is time order.
_TS_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def to_db_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the store only keeps aware UTC timestamps")
    return moment.astimezone(UTC).strftime(_TS_FORMAT)


def from_db_time(text: str) -> datetime:
    return datetime.strptime(text, _TS_FORMAT).replace(tzinfo=UTC)


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

_COLUMNS = (
    "id, idempotency_key, kind, target, lane, payload, state, attempts, next_attempt_at, "
    "last_error, created_at, sent_at, result, attendance_id"
)


def _row_to_item(row: Sequence[Any]) -> OutboxItem:
    return OutboxItem(
        id=int(row[0]),
        idempotency_key=row[1],
        kind=row[2],
        target=row[3],
        lane=row[4],
        payload=json.loads(row[5]),
        state=OutboxState(row[6]),
        attempts=int(row[7]),
        next_attempt_at=from_db_time(row[8]),
        last_error=row[9],
        created_at=from_db_time(row[10]),
        sent_at=from_db_time(row[11]) if row[11] else None,
        result=json.loads(row[12]),
        attendance_id=int(row[13]) if row[13] is not None else None,
    )


@dataclass(frozen=True)
class DisabledTarget:
    fingerprint: str
    kind: str
    target: str
    reason: str
    disabled_at: datetime


class Outbox:
    """SQLite-backed outbox. All methods are short local transactions (safe on the GUI loop)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        apply_migrations(db, COMPONENT, MIGRATIONS)

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
            cursor = self._db.execute(
                "INSERT INTO outbox (idempotency_key, kind, target, lane, payload, state, "
                "attempts, next_attempt_at, created_at, attendance_id) "
                "VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?) "
                "ON CONFLICT(idempotency_key) DO NOTHING",
                [idempotency_key, kind, target, lane or f"{kind}:{target}",
                 json.dumps(payload, ensure_ascii=False), OutboxState.PENDING.value,
                 stamp, stamp, attendance_id],
            )
        item = self.by_key(idempotency_key)
        assert item is not None, cursor
        return item

    def mark_sending(
        self, item_id: int, now: datetime, hold_until: datetime | None = None
    ) -> OutboxItem:
        """Record that a request is about to leave: counted as an attempt even if we crash.

        ``hold_until``: if this process dies, the next one waits until then before reconciling,
        so a request the server is still processing has landed by the time we look for it.
        """
        return self._update(item_id, "state = ?, attempts = attempts + 1, next_attempt_at = ?",
                            [OutboxState.SENDING.value, to_db_time(hold_until or now)])

    def mark_sent(self, item_id: int, now: datetime, result: Mapping[str, Any]) -> OutboxItem:
        return self._update(item_id, "state = ?, sent_at = ?, result = ?, last_error = ''",
                            [OutboxState.SENT.value, to_db_time(now),
                             json.dumps(result, ensure_ascii=False)])

    def mark_retry(self, item_id: int, error: str, next_attempt_at: datetime) -> OutboxItem:
        """A transient failure: back to ``pendente`` with the reason and the next attempt time."""
        return self._update(item_id, "state = ?, last_error = ?, next_attempt_at = ?",
                            [OutboxState.PENDING.value, error, to_db_time(next_attempt_at)])

    def record_progress(self, item_id: int, progress: Mapping[str, Any]) -> OutboxItem:
        """Note, before a multi-step send's write, which write it is (read back on reconcile)."""
        return self._update(item_id, "result = ?", [json.dumps(progress, ensure_ascii=False)])

    def mark_uncertain(self, item_id: int, error: str, next_attempt_at: datetime) -> OutboxItem:
        """The request may or may not have arrived: stay ``enviando`` until reconciled."""
        return self._update(item_id, "state = ?, last_error = ?, next_attempt_at = ?",
                            [OutboxState.SENDING.value, error, to_db_time(next_attempt_at)])

    def mark_failed(self, item_id: int, error: str) -> OutboxItem:
        return self._update(item_id, "state = ?, last_error = ?", [OutboxState.FAILED.value, error])

    def fail_lane(self, lane: str, error: str) -> list[OutboxItem]:
        """Fail every unsent item of a lane (its destination is gone); return them."""
        with atomic(self._db):
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM outbox WHERE lane = ? AND state IN (?, ?) ORDER BY id",
                [lane, OutboxState.PENDING.value, OutboxState.SENDING.value],
            ).fetchall()
            self._db.execute(
                "UPDATE outbox SET state = ?, last_error = ? WHERE lane = ? AND state IN (?, ?)",
                [OutboxState.FAILED.value, error, lane,
                 OutboxState.PENDING.value, OutboxState.SENDING.value],
            )
        return [self.get(int(r[0])) for r in rows]

    def retry(self, item_id: int, now: datetime) -> OutboxItem:
        """The agent's "tentar de novo": a failed or waiting item is due again right now."""
        item = self.get(item_id)
        if item.state is OutboxState.SENT:
            return item
        # an uncertain item stays "enviando": it is reconciled before anything is re-sent
        state = OutboxState.SENDING if item.state is OutboxState.SENDING else OutboxState.PENDING
        return self._update(item_id, "state = ?, next_attempt_at = ?",
                            [state.value, to_db_time(now)])

    def _update(self, item_id: int, assignments: str, values: Sequence[Any]) -> OutboxItem:
        """``UPDATE outbox SET <assignments>`` for one item, committed; the item as it is now."""
        with atomic(self._db):
            self._db.execute(f"UPDATE outbox SET {assignments} WHERE id = ?", [*values, item_id])
        return self.get(item_id)

    # --- reading ------------------------------------------------------------------------------

    def get(self, item_id: int) -> OutboxItem:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE id = ?", [item_id]
        ).fetchone()
        if row is None:
            raise KeyError(item_id)
        return _row_to_item(row)

    def by_key(self, idempotency_key: str) -> OutboxItem | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE idempotency_key = ?", [idempotency_key]
        ).fetchone()
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
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM outbox {clause} ORDER BY id DESC LIMIT ?", [*params, limit]
        ).fetchall()
        return [_row_to_item(r) for r in rows]

    def counts(self) -> dict[OutboxState, int]:
        rows = self._db.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall()
        found = {OutboxState(state): int(n) for state, n in rows}
        return {state: found.get(state, 0) for state in OutboxState}

    def in_flight(self) -> list[OutboxItem]:
        """Items left ``enviando`` by a crash or a kill: their outcome must be reconciled."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE state = ? ORDER BY id",
            [OutboxState.SENDING.value],
        ).fetchall()
        return [_row_to_item(r) for r in rows]

    def active_lanes(self) -> list[str]:
        rows = self._db.execute(
            "SELECT DISTINCT lane FROM outbox WHERE state IN (?, ?) ORDER BY lane",
            [OutboxState.PENDING.value, OutboxState.SENDING.value],
        ).fetchall()
        return [r[0] for r in rows]

    def lane_head(self, lane: str) -> OutboxItem | None:
        """The oldest unsent item of a lane: nothing behind it may go out before it."""
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE lane = ? AND state IN (?, ?) "
            "ORDER BY id LIMIT 1",
            [lane, OutboxState.PENDING.value, OutboxState.SENDING.value],
        ).fetchone()
        return _row_to_item(row) if row else None

    # --- disabled destinations ----------------------------------------------------------------

    def disable_target(
        self, fingerprint: str, *, kind: str, target: str, reason: str, now: datetime
    ) -> None:
        with atomic(self._db):
            self._db.execute(
                "INSERT INTO outbox_disabled_targets (fingerprint, kind, target, reason, "
                "disabled_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(fingerprint) DO UPDATE SET "
                "reason = excluded.reason, disabled_at = excluded.disabled_at",
                [fingerprint, kind, target, reason, to_db_time(now)],
            )

    def enable_target(self, fingerprint: str) -> None:
        with atomic(self._db):
            self._db.execute(
                "DELETE FROM outbox_disabled_targets WHERE fingerprint = ?", [fingerprint]
            )

    def enable_targets_of(self, kind: str, target: str) -> None:
        with atomic(self._db):
            self._db.execute(
                "DELETE FROM outbox_disabled_targets WHERE kind = ? AND target = ?",
                [kind, target],
            )

    def disabled_target(self, fingerprint: str) -> DisabledTarget | None:
        row = self._db.execute(
            "SELECT fingerprint, kind, target, reason, disabled_at FROM outbox_disabled_targets "
            "WHERE fingerprint = ?", [fingerprint],
        ).fetchone()
        if row is None:
            return None
        return DisabledTarget(row[0], row[1], row[2], row[3], from_db_time(row[4]))

    def disabled_targets(self) -> list[DisabledTarget]:
        rows = self._db.execute(
            "SELECT fingerprint, kind, target, reason, disabled_at FROM outbox_disabled_targets "
            "ORDER BY disabled_at"
        ).fetchall()
        return [DisabledTarget(r[0], r[1], r[2], r[3], from_db_time(r[4])) for r in rows]

"""Rows are read by column name: a rebuilt table (columns in another order) or a column a later
migration appended leaves every field where it belongs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils

from desktop.store.attendances import AttendanceStore
from desktop.store.database import open_database
from desktop.store.history import CallDirection, CallHistory, CallOutcome
from desktop.store.outbox import Outbox, OutboxState

T0 = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)


def _reorder(db: sqlite_utils.Database, name: str) -> None:
    """Rebuild ``name`` with its columns reversed and one more column at the end."""
    table = db.table(name)
    reversed_columns = [c.name for c in reversed(table.columns)]
    table.transform(column_order=reversed_columns)
    table.add_column("added_later", str)
    assert [c.name for c in table.columns] == [*reversed_columns, "added_later"]


def test_call_history_reads_a_reordered_table(tmp_path: Path) -> None:
    db = open_database(tmp_path / "ramal.sqlite3")
    CallHistory(db)
    _reorder(db, "calls")
    history = CallHistory(db)
    call = history.record_start("c1", number="+5511987654321", direction=CallDirection.INBOUND,
                                started_at=T0, extension="201", customer_id="42",
                                customer_name="Maria")
    history.record_answer(call.id, T0 + timedelta(seconds=4))
    history.mark_sections_checked(call.id, ["financeiro"])
    ended = history.record_end(call.id, T0 + timedelta(seconds=64), CallOutcome.COMPLETED)
    assert (ended.call_key, ended.number, ended.direction, ended.extension) == (
        "c1", "+5511987654321", CallDirection.INBOUND, "201")
    assert (ended.customer_id, ended.customer_name) == ("42", "Maria")
    assert (ended.started_at, ended.answered_at) == (T0, T0 + timedelta(seconds=4))
    assert (ended.duration_s, ended.ring_s, ended.sections_checked) == (60, 4, ("financeiro",))
    assert history.calls() == [ended]


def test_outbox_reads_a_reordered_table(tmp_path: Path) -> None:
    db = open_database(tmp_path / "ramal.sqlite3")
    Outbox(db)
    _reorder(db, "outbox")
    outbox = Outbox(db)
    item = outbox.enqueue(idempotency_key="k1", kind="discord", target="Comercial",
                          payload={"body": {"content": "olá"}}, now=T0, attendance_id=7)
    outbox.mark_sending(item.id, T0)
    sent = outbox.mark_sent(item.id, T0 + timedelta(seconds=1), {"id": "m1"})
    assert (sent.idempotency_key, sent.kind, sent.target, sent.lane) == (
        "k1", "discord", "Comercial", "discord:Comercial")
    assert (sent.payload, sent.result) == ({"body": {"content": "olá"}}, {"id": "m1"})
    assert (sent.state, sent.attempts, sent.attendance_id) == (OutboxState.SENT, 1, 7)
    assert (sent.created_at, sent.sent_at) == (T0, T0 + timedelta(seconds=1))
    assert outbox.by_key("k1") == sent and outbox.items() == [sent]


def test_attendances_read_a_reordered_table(tmp_path: Path) -> None:
    db = open_database(tmp_path / "ramal.sqlite3")
    AttendanceStore(db)
    _reorder(db, "attendances")
    _reorder(db, "attendance_forwards")
    store = AttendanceStore(db)
    added = store.add(created_at=T0, agent="Ana", customer_id="101", customer_name="Maria",
                      call_id=3, contract_id="55", subject_id="9", priority="A",
                      description="Sem sinal", solved=True, sections_checked=["contratos"])
    assert store.get(added.id) == added
    assert (added.agent, added.customer_id, added.customer_name, added.call_id) == (
        "Ana", "101", "Maria", 3)
    assert (added.contract_id, added.subject_id, added.priority, added.description) == (
        "55", "9", "A", "Sem sinal")
    assert added.solved and added.sections_checked == ("contratos",) and len(added.uid) == 36
    forward = store.add_forward(attendance_id=added.id, sector="Técnico", destination="discord",
                                created_at=T0, outbox_item_id=12, note="ok")
    assert store.forwards(added.id) == [forward]

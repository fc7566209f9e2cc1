"""Writes made through sqlite-utils stay inside :func:`atomic`: a failure undoes all of them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlite_utils

from desktop.store.attendances import AttendanceStore
from desktop.store.database import apply_migrations, open_database, schema_version
from desktop.store.history import CallDirection, CallHistory
from desktop.store.outbox import Outbox
from desktop.store.phone_index import IndexEntry, PhoneIndex
from desktop.store.transaction import atomic

T0 = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)


class CrashError(Exception):
    pass


def test_a_failure_inside_atomic_undoes_every_store_write(tmp_path: Path) -> None:
    path = tmp_path / "ramal.sqlite3"
    db = open_database(path)
    history, attendances, outbox = CallHistory(db), AttendanceStore(db), Outbox(db)
    with pytest.raises(CrashError), attendances.transaction():
        call = history.record_start("c1", number="+5511987654321",
                                    direction=CallDirection.INBOUND, started_at=T0)
        attendance = attendances.add(created_at=T0, agent="Ana", customer_id="101",
                                     customer_name="Maria", call_id=call.id)
        item = outbox.enqueue(idempotency_key="k1", kind="discord", target="Comercial",
                              payload={}, now=T0, attendance_id=attendance.id)
        attendances.add_forward(attendance_id=attendance.id, sector="Comercial",
                                destination="discord", created_at=T0, outbox_item_id=item.id)
        history.mark_logged(call.id)
        raise CrashError
    db.conn.close()
    # a fresh connection sees only what was committed
    reopened = open_database(path)
    assert CallHistory(reopened).by_key("c1") is None
    assert AttendanceStore(reopened).recent() == []
    assert Outbox(reopened).items() == []
    assert reopened.table("attendance_forwards").count == 0


def test_a_call_recorded_inside_atomic_does_not_commit_the_outer_transaction(
        tmp_path: Path) -> None:
    db = open_database(tmp_path / "ramal.sqlite3")
    history, outbox = CallHistory(db), Outbox(db)
    with pytest.raises(CrashError), atomic(db):
        outbox.enqueue(idempotency_key="k1", kind="discord", target="Comercial", payload={},
                       now=T0)
        history.record_start("c1", number="+5511987654321", direction=CallDirection.INBOUND,
                             started_at=T0)
        assert db.conn.in_transaction  # recording the call left the outer block open
        raise CrashError
    assert outbox.items() == [] and history.by_key("c1") is None


def test_a_migration_step_that_fails_half_way_leaves_nothing_and_runs_again(
        tmp_path: Path) -> None:
    db = open_database(tmp_path / "ramal.sqlite3")

    def half_done(db: sqlite_utils.Database) -> None:
        db.table("things").create({"id": int, "name": str}, pk="id")
        raise CrashError  # e.g. the disk filled before the index and the version bump

    def whole(db: sqlite_utils.Database) -> None:
        db.table("things").create({"id": int, "name": str}, pk="id")
        db.table("things").create_index(["name"])

    with pytest.raises(CrashError):
        apply_migrations(db, "things", [half_done])
    assert not db.table("things").exists() and schema_version(db, "things") == 0
    assert apply_migrations(db, "things", [whole]) == 1
    assert db.table("things").exists() and schema_version(db, "things") == 1


def test_replacing_customers_in_the_phone_index_is_all_or_nothing(tmp_path: Path) -> None:
    db = open_database(tmp_path / "ramal.sqlite3")
    index = PhoneIndex(db, "https://a")
    index.replace_customers({1: [("fone", "11987654321")], 2: [("fone", "21912345678")]})
    # a write that fails on the second customer, as a full disk would
    db.execute("CREATE TRIGGER refuse BEFORE INSERT ON phone_index WHEN NEW.customer_id = 2 "
               "BEGIN SELECT RAISE(ABORT, 'disco cheio'); END")
    with pytest.raises(Exception, match="disco cheio"):
        index.replace_customers({1: [("fone", "11900001111")], 2: [("fone", "21900002222")]})
    assert index.candidates("87654321") == [IndexEntry(1, "fone", "11987654321")]
    assert index.candidates("12345678") == [IndexEntry(2, "fone", "21912345678")]

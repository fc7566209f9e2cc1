"""Attendances carry a random uid; a database written before it existed gets one per row."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from desktop.store import attendances as attendances_module
from desktop.store.attendances import AttendanceStore
from desktop.store.database import apply_migrations, open_database

T0 = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)


def test_old_database_gets_a_distinct_uid_for_every_attendance(tmp_path: Path) -> None:
    db = open_database(tmp_path / "ramal.sqlite3")
    try:
        # the schema as the previous version left it, with two attendances in it
        apply_migrations(db, attendances_module.COMPONENT, attendances_module.MIGRATIONS[:1])
        with db.conn:
            for customer in ("101", "102"):
                db.execute("INSERT INTO attendances (created_at, agent, customer_id, "
                           "customer_name) VALUES (?, 'Ana', ?, 'C')",
                           ["2026-03-02T13:00:00.000000Z", customer])
        store = AttendanceStore(db)
        old = store.recent()
        new = store.add(created_at=T0, agent="Ana", customer_id="103", customer_name="C")
        uids = [a.uid for a in (*old, new)]
        assert len(set(uids)) == 3 and all(len(u) == 36 for u in uids)
    finally:
        db.conn.close()


def test_two_databases_never_share_a_uid_for_the_same_local_id(tmp_path: Path) -> None:
    dbs = [open_database(tmp_path / f"desk-{n}.sqlite3") for n in (1, 2)]
    try:
        first, second = (AttendanceStore(db).add(created_at=T0, agent="Ana", customer_id="101",
                                                 customer_name="C") for db in dbs)
        assert first.id == second.id and first.uid != second.uid
    finally:
        for db in dbs:
            db.conn.close()

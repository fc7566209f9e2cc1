"""One card-section vocabulary: a database that stored the attendance's old names ("os",
"financeiro", "conexao") reads back as the card's ``Section`` after the stores' migrations."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from desktop.forward.case import sections_text
from desktop.ixc.models import Section
from desktop.store import attendances as attendances_module
from desktop.store import history as history_module
from desktop.store.attendances import AttendanceStore
from desktop.store.database import apply_migrations, open_database
from desktop.store.history import CallHistory


def _old_database(path: Path) -> sqlite_utils.Database:
    """The schemas as the previous version left them, with a call and an attendance in them."""
    db = open_database(path)
    apply_migrations(db, history_module.COMPONENT, history_module.MIGRATIONS[:1])
    apply_migrations(db, attendances_module.COMPONENT, attendances_module.MIGRATIONS[:2])
    with db.conn:
        # the card's names and the attendance's, mixed: both used to land in the history
        db.execute("INSERT INTO calls (call_key, number, direction, started_at, "
                   "sections_checked) VALUES ('c1', '+5511987654321', 'entrada', "
                   "'2026-03-02T13:00:00.000000Z', ?)",
                   ['["conexao", "contracts", "financeiro", "os", "service_orders"]'])
        db.execute("INSERT INTO attendances (created_at, agent, customer_id, customer_name, "
                   "uid, sections_checked) VALUES ('2026-03-02T13:05:00.000000Z', 'Ana', '101', "
                   "'C', 'u-1', ?)", ['["financeiro", "os"]'])
    return db


def test_old_section_names_in_the_history_read_as_the_cards_sections(tmp_path: Path) -> None:
    db = _old_database(tmp_path / "ramal.sqlite3")
    try:
        call = CallHistory(db).get(1)
        sections = tuple(Section(value) for value in call.sections_checked)
        assert sections == (Section.CONNECTIONS, Section.CONTRACTS, Section.INVOICES,
                            Section.SERVICE_ORDERS)
    finally:
        db.conn.close()


def test_old_section_names_in_the_attendances_read_as_the_cards_sections(
        tmp_path: Path) -> None:
    db = _old_database(tmp_path / "ramal.sqlite3")
    try:
        [attendance] = AttendanceStore(db).recent()
        sections = tuple(Section(value) for value in attendance.sections_checked)
        assert sections == (Section.INVOICES, Section.SERVICE_ORDERS)
        # what the sectors read is what they read before
        assert sections_text(sections) == "financeiro, OS"
    finally:
        db.conn.close()


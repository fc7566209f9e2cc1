"""The SQLite phone index: digits → customer ids, per tenant, replaced per customer."""

from __future__ import annotations

from pathlib import Path

from desktop.store.database import open_database, schema_version
from desktop.store.phone_index import COMPONENT, IndexEntry, PhoneIndex


def test_entries_by_last_eight_digits_and_replacement(tmp_path: Path) -> None:
    index = PhoneIndex.open(tmp_path / "ramal.sqlite3", "https://a")
    index.replace_customers({
        1: [("fone", "11987654321"), ("whatsapp", "987654321")],
        2: [("fone", "21987654321")],
        3: [("fone", "1187654321")],          # stored without the ninth digit
    })
    assert sorted(index.candidates("87654321"), key=lambda e: (e.customer_id, e.column)) == [
        IndexEntry(1, "fone", "11987654321"), IndexEntry(1, "whatsapp", "987654321"),
        IndexEntry(2, "fone", "21987654321"), IndexEntry(3, "fone", "1187654321"),
    ]
    index.replace_customers({1: [("fone", "11900001111")]})
    assert {e.customer_id for e in index.candidates("87654321")} == {2, 3}
    assert index.customer_count() == 3


def test_sync_state_and_tenants_are_separate(tmp_path: Path) -> None:
    db = open_database(tmp_path / "ramal.sqlite3")
    a, b = PhoneIndex(db, "https://a"), PhoneIndex(db, "https://b")
    assert a.last_update is None
    a.replace_customers({7: [("fone", "1133334444")]})
    a.mark_synced("2025-03-01 10:00:00", "2025-03-01T10:05:00")
    assert a.last_update == "2025-03-01 10:00:00" and b.last_update is None
    assert b.candidates("33334444") == []
    assert schema_version(db, COMPONENT) == 1
    a.clear()
    assert a.last_update is None and a.candidates("33334444") == []


def test_reopening_keeps_the_index(tmp_path: Path) -> None:
    path = tmp_path / "ramal.sqlite3"
    PhoneIndex.open(path, "t").replace_customers({5: [("fone", "11955554444")]})
    assert PhoneIndex.open(path, "t").candidates("55554444") == [
        IndexEntry(5, "fone", "11955554444")]

"""The durability settings of an opened database file (docs/storage.md says why)."""

from __future__ import annotations

from pathlib import Path

from desktop.store.database import open_database


def test_an_opened_file_uses_wal_full_sync_and_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "ramal.sqlite3", busy_timeout_s=2.5)

    def pragma(name: str) -> object:
        return db.execute(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2   # FULL: a commit survives a power cut
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == 2500

"""The local phone index: normalised phone digits → IXC customer id, nothing else.

It lets a ringing call find its customers without a search round trip to the ISP's server. Only
ids and digits are kept (no names, no documents): the record itself is always read live. Rows
are keyed by the last 8 digits, the part every way of typing a number keeps, so one indexed
probe finds exact, ninth-digit-less and DDD-less entries; the caller verifies the full digits.

The ``ixc`` layer decides what goes in (it parses IXC's free text); this module only stores.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from desktop.store.database import apply_migrations, open_database

COMPONENT = "phone_index"


def _v1(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE phone_index ("
        " tenant TEXT NOT NULL,"
        " customer_id INTEGER NOT NULL,"
        " column_name TEXT NOT NULL,"
        " digits TEXT NOT NULL,"
        " local8 TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX phone_index_local8 ON phone_index(tenant, local8)")
    db.execute("CREATE INDEX phone_index_customer ON phone_index(tenant, customer_id)")
    db.execute(
        "CREATE TABLE phone_index_state (tenant TEXT PRIMARY KEY, last_update TEXT NOT NULL,"
        " built_at TEXT NOT NULL)"
    )


MIGRATIONS = [_v1]


@dataclass(frozen=True)
class IndexEntry:
    customer_id: int
    column: str
    digits: str


class PhoneIndex:
    """SQLite-backed index; one per database, tenants told apart by ``tenant`` (the IXC URL)."""

    def __init__(self, db: sqlite_utils.Database, tenant: str) -> None:
        self.db = db
        self.tenant = tenant
        apply_migrations(db, COMPONENT, MIGRATIONS)

    @classmethod
    def open(cls, path: Path | str | None, tenant: str) -> PhoneIndex:
        return cls(open_database(path), tenant)

    def replace_customers(self, entries_by_customer: dict[int, Iterable[tuple[str, str]]]
                          ) -> None:
        """Set each customer's ``(column, digits)`` entries, replacing what was there."""
        with self.db.conn:
            for customer_id, entries in entries_by_customer.items():
                self.db.execute("DELETE FROM phone_index WHERE tenant = ? AND customer_id = ?",
                                [self.tenant, customer_id])
                self.db.conn.executemany(
                    "INSERT INTO phone_index(tenant, customer_id, column_name, digits, local8) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [(self.tenant, customer_id, col, digits, digits[-8:])
                     for col, digits in set(entries)],
                )

    def clear(self) -> None:
        with self.db.conn:
            self.db.execute("DELETE FROM phone_index WHERE tenant = ?", [self.tenant])
            self.db.execute("DELETE FROM phone_index_state WHERE tenant = ?", [self.tenant])

    def candidates(self, local8: str) -> list[IndexEntry]:
        rows = self.db.execute(
            "SELECT customer_id, column_name, digits FROM phone_index "
            "WHERE tenant = ? AND local8 = ? ORDER BY customer_id", [self.tenant, local8],
        ).fetchall()
        return [IndexEntry(int(r[0]), str(r[1]), str(r[2])) for r in rows]

    def customer_count(self) -> int:
        row = self.db.execute(
            "SELECT COUNT(DISTINCT customer_id) FROM phone_index WHERE tenant = ?", [self.tenant]
        ).fetchone()
        return int(row[0]) if row else 0

    @property
    def last_update(self) -> str | None:
        """The newest ``ultima_atualizacao`` seen (IXC's own clock), or None if never built."""
        row = self.db.execute(
            "SELECT last_update FROM phone_index_state WHERE tenant = ?", [self.tenant]
        ).fetchone()
        return str(row[0]) if row else None

    def mark_synced(self, last_update: str, built_at: str) -> None:
        with self.db.conn:
            self.db.execute(
                "INSERT INTO phone_index_state(tenant, last_update, built_at) VALUES (?, ?, ?) "
                "ON CONFLICT(tenant) DO UPDATE SET last_update = excluded.last_update, "
                "built_at = excluded.built_at",
                [self.tenant, last_update, built_at],
            )

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
from desktop.store.rows import first_row
from desktop.store.transaction import atomic

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
        self._entries = db.table("phone_index")
        self._state = db.table("phone_index_state")

    @classmethod
    def open(cls, path: Path | str | None, tenant: str) -> PhoneIndex:
        return cls(open_database(path), tenant)

    def replace_customers(self, entries_by_customer: dict[int, Iterable[tuple[str, str]]]
                          ) -> None:
        """Set each customer's ``(column, digits)`` entries, replacing what was there."""
        # one transaction for the whole batch: ``with conn`` let each DELETE commit on its own,
        # so a failed insert left a customer with no entries at all
        with atomic(self.db):
            for customer_id, entries in entries_by_customer.items():
                self._entries.delete_where("tenant = ? AND customer_id = ?",
                                           [self.tenant, customer_id])
                self._entries.insert_all(
                    {"tenant": self.tenant, "customer_id": customer_id, "column_name": col,
                     "digits": digits, "local8": digits[-8:]}
                    for col, digits in sorted(set(entries)))

    def clear(self) -> None:
        with atomic(self.db):
            self._entries.delete_where("tenant = ?", [self.tenant])
            self._state.delete_where("tenant = ?", [self.tenant])

    def candidates(self, local8: str) -> list[IndexEntry]:
        rows = self._entries.rows_where("tenant = ? AND local8 = ?", [self.tenant, local8],
                                        order_by="customer_id")
        return [IndexEntry(int(r["customer_id"]), str(r["column_name"]), str(r["digits"]))
                for r in rows]

    def customer_count(self) -> int:
        row = first_row(self._entries.rows_where(
            "tenant = ?", [self.tenant], select="COUNT(DISTINCT customer_id) AS customers"))
        return int(row["customers"]) if row else 0

    @property
    def last_update(self) -> str | None:
        """The newest ``ultima_atualizacao`` seen (IXC's own clock), or None if never built."""
        row = first_row(self._state.rows_where("tenant = ?", [self.tenant]))
        return str(row["last_update"]) if row else None

    def mark_synced(self, last_update: str, built_at: str) -> None:
        with atomic(self.db):
            self._state.upsert({"tenant": self.tenant, "last_update": last_update,
                                "built_at": built_at}, pk="tenant")

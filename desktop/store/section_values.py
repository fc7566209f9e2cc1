"""The card sections a call's agent looked at, as the stores keep them: a JSON list of names.

Until the one ``desktop.ixc.models.Section``, the attendance stored its own names ("os",
"financeiro", "conexao") next to the card's ("service_orders", "invoices", "connections"). The
stores' migration steps below rewrite the old names; the table is frozen here, as a shipped step
must stay, rather than derived from the enum.
"""

from __future__ import annotations

import json

import sqlite_utils

OLD_NAMES = {"os": "service_orders", "financeiro": "invoices", "conexao": "connections"}


def renamed(stored: str) -> str:
    """One stored JSON list with the old names replaced, sorted and without repeats."""
    names = json.loads(stored)
    return json.dumps(sorted({OLD_NAMES.get(name, name) for name in names}))


def rename_old_sections(db: sqlite_utils.Database, table: str) -> None:
    """Rewrite ``table.sections_checked`` in place (a migration step, inside its transaction)."""
    rows = db.execute(f"SELECT id, sections_checked FROM {table}").fetchall()
    for row_id, stored in rows:
        new = renamed(stored)
        if new != stored:
            db.execute(f"UPDATE {table} SET sections_checked = ? WHERE id = ?", [new, row_id])

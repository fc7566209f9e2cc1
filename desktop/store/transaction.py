"""One SQLite transaction around several store calls, so a crash keeps all of them or none.

Each store method commits its own change. When a command must change several rows together
(an attendance, its outbox item, its forward record and the call marked as logged), the caller
opens :func:`atomic` around the calls: inside it, the stores' own :func:`atomic` blocks join the
outer transaction instead of committing, and the outer block commits once at its end (or rolls
everything back if anything raises, or if the process dies before that commit).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils


@contextmanager
def atomic(db: sqlite_utils.Database) -> Iterator[None]:
    """Run the block in one transaction; nested blocks join the outermost one."""
    conn = db.conn
    if conn.in_transaction:
        # an outer atomic() owns the transaction: it commits or rolls back for us
        yield
        return
    # IMMEDIATE takes the write lock now, so the block cannot fail half-way on a busy database
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()

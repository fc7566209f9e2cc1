"""A child process that dies (SIGKILL, no clean-up) right before its Nth SQL write statement.

The crash tests run the real code in a child, count its writes with sqlite3's trace callback and
kill it before write N, for every N, then check what a restart finds.
"""

from __future__ import annotations

import os
import signal
import sqlite3

_WRITES = ("BEGIN", "INSERT", "UPDATE", "DELETE", "REPLACE", "COMMIT")


class KillAtWrite:
    def __init__(self, conn: sqlite3.Connection, kill_at: int) -> None:
        self.conn = conn
        self.kill_at = kill_at     # 0: count only
        self.writes = 0

    def __enter__(self) -> KillAtWrite:
        self.conn.set_trace_callback(self._before_statement)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.conn.set_trace_callback(None)

    def _before_statement(self, sql: str) -> None:
        if not sql.lstrip().upper().startswith(_WRITES):
            return
        self.writes += 1
        if self.writes == self.kill_at:
            print(f"killed before: {' '.join(sql.split())[:80]}", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

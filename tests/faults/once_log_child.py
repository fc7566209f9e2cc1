"""The desk logging one attendance in a separate process that SIGKILLs itself before a write.

Usage: python once_log_child.py DB CALL_ID DESCRIPTION KILL_AT

It opens the database as the app does and logs an attendance for the call. Every statement
that writes (BEGIN, INSERT, UPDATE, DELETE, COMMIT) is counted through SQLite's trace hook;
just before the KILL_AT-th one runs, the process prints which statement that was and sends
itself SIGKILL, so it dies exactly at that write boundary, with nothing flushed or cleaned up.
If there are fewer writes than KILL_AT, it prints "done <number of writes>" and exits 0.
Nothing here is in the app: the hook is the test's, installed on the child's own connection.
"""

from __future__ import annotations

import asyncio
import sys

from kill_at_write import KillAtWrite
from once_desk import log_request

from desktop.forward.attendance import AttendanceService
from desktop.forward.clock import ManualClock
from desktop.settings.model import Settings
from desktop.store.attendances import AttendanceStore
from desktop.store.database import open_database
from desktop.store.history import CallHistory
from desktop.store.outbox import Outbox


def main(db_path: str, call_id: int, description: str, kill_at: int) -> None:
    db = open_database(db_path)
    service = AttendanceService(settings=Settings(), outbox=Outbox(db),
                                attendances=AttendanceStore(db), history=CallHistory(db),
                                agent="Ana", clock=ManualClock())
    with KillAtWrite(db.conn, kill_at) as killer:
        asyncio.run(service.log_attendance(log_request(description, call_id)))
    print(f"done {killer.writes}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))

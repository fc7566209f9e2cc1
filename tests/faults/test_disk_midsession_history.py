"""History writes the database refuses mid-session are kept in memory and written later.

Real faults on a database already open: its tmpfs filled to the last byte (ENOSPC), another
process holding ``BEGIN EXCLUSIVE``. Before, each refused write was logged and dropped (the call
was lost from the history) and the agent was told nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sqlite_utils
from disk_faults import LockHolder, fill, tiny_tmpfs
from pytestqt.qtbot import QtBot

from desktop.desk.call_history_recorder import CallHistoryRecorder
from desktop.sip.events import CallEnded
from desktop.store.database import open_database
from desktop.store.history import CallHistory
from desktop.store.history import CallOutcome as StoredOutcome
from desktop.ui.history_view import HistoryView


class ManualTimer:
    """The recorder's retry timer, fired by the test (no waiting on the real clock)."""

    def __init__(self) -> None:
        self.due: list[tuple[float, Callable[[], None]]] = []

    def __call__(self, seconds: float, run: Callable[[], None]) -> None:
        self.due.append((seconds, run))

    def fire(self) -> None:
        due, self.due = self.due, []
        for _seconds, run in due:
            run()


def _recorder(db: sqlite_utils.Database, qtbot: QtBot
              ) -> tuple[CallHistoryRecorder, ManualTimer, list[str]]:
    view = HistoryView()
    qtbot.addWidget(view)
    timer, notices = ManualTimer(), []
    recorder = CallHistoryRecorder(CallHistory(db), view, lambda: "201", retry_later=timer)
    recorder.on_notice = notices.append
    return recorder, timer, notices


def _ended(history: CallHistory, key: str) -> StoredOutcome | None:
    record = history.by_key(key)
    assert record is not None, key
    return record.outcome


def _check_portuguese(notice: str) -> None:
    assert "Não foi possível gravar o histórico" in notice and "memória" in notice
    for english in ("database", "disk is full", "locked", "sqlite", "Error"):
        assert english not in notice, notice


def test_full_disk_mid_session_keeps_the_calls_until_space_returns(tmp_path: Path,
                                                                   qtbot: QtBot) -> None:
    with tiny_tmpfs(tmp_path / "disk", size="1m") as disk:
        db = open_database(disk / "ramal.sqlite3")
        recorder, timer, notices = _recorder(db, qtbot)
        recorder.record_start("call-1", "+5511987654321", inbound=True)
        fill(disk)                                       # the disk fills during the call
        recorder.record_answer("call-1")
        recorder.record_end(CallEnded("call-1", "completed", 65.0), None,
                            ["service_orders"])
        recorder.record_start("call-2", "+5511912345678", inbound=True)
        recorder.record_end(CallEnded("call-2", "missed"), None, [])
        assert recorder.unsaved                          # in memory, not dropped
        assert len(notices) == 1 and "disco cheio" in notices[0]   # told once, not per write
        _check_portuguese(notices[0])
        assert timer.due                                 # a retry is scheduled

        timer.fire()                                     # still full: kept, not told again
        assert recorder.unsaved and len(notices) == 1 and timer.due

        (disk / "enche-o-disco").unlink()                # space is back
        timer.fire()
        assert not recorder.unsaved
        history = recorder.history
        assert _ended(history, "call-1") is StoredOutcome.COMPLETED
        first = history.by_key("call-1")
        assert first is not None and first.answered_at is not None
        assert first.sections_checked == ("service_orders",)
        assert _ended(history, "call-2") is StoredOutcome.MISSED
        assert len(notices) == 2 and "voltou a ser gravado" in notices[1]
        assert len(recorder.view.model.entries) == 2     # the tab shows both calls again
        db.conn.close()


def test_locked_database_mid_session_writes_with_the_next_call(tmp_path: Path,
                                                               qtbot: QtBot) -> None:
    path = tmp_path / "ramal.sqlite3"
    db = open_database(path, busy_timeout_s=0.2)
    recorder, _timer, notices = _recorder(db, qtbot)
    with LockHolder(path):                               # a backup tool takes the file
        recorder.record_start("call-1", "+5511987654321", inbound=False)
        recorder.record_end(CallEnded("call-1", "failed"), None, [])
        assert recorder.unsaved and len(notices) == 1
        assert "em uso por outro programa" in notices[0]
        _check_portuguese(notices[0])
    # released: the next call's write goes after the kept ones, in order
    recorder.record_start("call-2", "+5511912345678", inbound=True)
    assert not recorder.unsaved
    assert _ended(recorder.history, "call-1") is StoredOutcome.FAILED
    assert recorder.history.by_key("call-2") is not None
    assert "voltou a ser gravado" in notices[-1]
    db.conn.close()

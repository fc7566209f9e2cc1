"""Returning calls: the "Retornar" list, click-to-call, and the callback linked to the missed call.

The list is the history's :meth:`~desktop.store.history.CallHistory.callbacks_due`. Calling back
dials the number through the engine and remembers which missed call it returns; when the engine
reports the outgoing call, its history row is linked (``callback_of``). An answered callback ends
like any answered call (the log dialog opens); logging it marks the missed call logged too and
says in the ticket which call it returns. A callback nobody answered stays in the history,
linked, and the missed call stays in the list with the attempt counted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from desktop.desk.call_history_recorder import CallHistoryRecorder
from desktop.store.history import CallHistory, CallOutcome
from desktop.ui.callback_list import CallbackEntry, CallbackList

log = logging.getLogger(__name__)


def same_number(a: str, b: str) -> bool:
    """The engine may report the dialled number in another form (+55…, 0…): compare digits."""
    da, db = "".join(c for c in a if c.isdigit()), "".join(c for c in b if c.isdigit())
    return bool(da) and bool(db) and (da.endswith(db[-8:]) or db.endswith(da[-8:]))


class Callbacks(QObject):
    def __init__(self, history: CallHistory, recorder: CallHistoryRecorder,
                 view: CallbackList, dial: Callable[[str], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.recorder = recorder
        self.view = view
        self.dial = dial
        self.pending: list[tuple[str, int]] = []    # (number dialled, missed call's history id)
        view.call_back_requested.connect(self.call_back)

    def refresh(self) -> None:
        try:
            due = self.history.callbacks_due()
            entries = []
            for call in due:
                tries = [c for c in self.history.callbacks_of(call.id)
                         if c.outcome is not None]
                last = tries[-1].started_at.astimezone() if tries else None
                entries.append(CallbackEntry(
                    history_id=call.id, number=call.number, customer_name=call.customer_name,
                    started_at=call.started_at.astimezone(),
                    answered_elsewhere=call.outcome is CallOutcome.ANSWERED_ELSEWHERE,
                    attempts=len(tries), last_attempt_at=last))
        except Exception:
            log.exception("callbacks: list")
            return
        self.view.set_entries(entries)

    def call_back(self, history_id: int) -> None:
        call = self.history.get(history_id)
        self.pending.append((call.number, history_id))
        self.dial(call.number)

    def outgoing_started(self, call_id: str, number: str) -> None:
        """The engine placed an outgoing call: link it when it is one of our callbacks."""
        for i, (dialled, missed_id) in enumerate(self.pending):
            if same_number(dialled, number):
                del self.pending[i]
                self.recorder.set_callback_of(call_id, missed_id)
                return

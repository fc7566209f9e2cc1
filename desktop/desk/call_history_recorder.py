"""Each call of the session into the call history, and the history into the "Histórico" tab.

The desk tells the recorder what happened to a call (started, answered, ended, whose call it
was, which card sections the agent opened); the recorder writes it to
:class:`desktop.store.history.CallHistory` and lists the rows the tab's filter asks for. A
failed write is logged and never stops the call. Without a database (tests of the widgets
alone) the session's calls are kept in memory instead.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from desktop.sip.events import CallEnded
from desktop.ui.history_view import HistoryView
from desktop.ui.view_models import CallView, HistoryEntry, HistoryFilter

log = logging.getLogger(__name__)


def matches(entry: HistoryEntry, which: HistoryFilter) -> bool:
    if which is HistoryFilter.MISSED:
        return entry.incoming and not entry.answered
    if which is HistoryFilter.ANSWERED:
        return entry.answered
    if which is HistoryFilter.NOT_LOGGED:
        return entry.answered and not entry.logged
    return True


class CallHistoryRecorder:
    def __init__(self, history: Any, view: HistoryView, extension: Callable[[], str]) -> None:
        self.history = history                 # desktop.store.history.CallHistory, or None
        self.view = view
        self.extension = extension             # the agent's extension, as currently set
        self.ids: dict[str, int] = {}          # SIP call id → history row id
        self.session: list[HistoryEntry] = []  # when there is no database
        # the tray's "não registradas" count, once there is an attendance log to count for
        self.on_not_logged: Callable[[int], None] | None = None

    def record_start(self, call_id: str, number: str, inbound: bool) -> None:
        if self.history is None:
            return
        from desktop.store.history import CallDirection

        try:
            record = self.history.record_start(
                call_id, number=number, started_at=datetime.now(UTC),
                direction=CallDirection.INBOUND if inbound else CallDirection.OUTBOUND,
                extension=self.extension())
            self.ids[call_id] = record.id
        except Exception:
            log.exception("history: record_start")

    def record_answer(self, call_id: str) -> None:
        if self.history is not None and call_id in self.ids:
            with contextlib.suppress(Exception):
                self.history.record_answer(self.ids[call_id], datetime.now(UTC))

    def record_end(self, event: CallEnded, call: CallView | None, sections: list[str]) -> None:
        """``call``: what the desk still knows of the call (for the in-memory list);
        ``sections``: the card sections the agent opened."""
        if self.history is not None and event.call_id in self.ids:
            from desktop.store.history import CallOutcome

            try:
                hid = self.ids[event.call_id]
                self.history.record_end(hid, datetime.now(UTC), CallOutcome(event.outcome))
                if sections:
                    self.history.mark_sections_checked(hid, sections)
            except Exception:
                log.exception("history: record_end")
            return
        if call is not None:
            self.session.insert(0, HistoryEntry(
                started_at=datetime.now(UTC), number=call.number, display_name=call.display_name,
                incoming=call.incoming, answered=event.outcome == "completed",
                duration_s=int(event.duration_s), outcome=event.outcome))

    def record_failed_dial(self, number: str, reason: str) -> None:
        """A call the engine could not even place (not registered, bad target): it still
        goes into the history, as an outgoing call that failed."""
        key = f"dial-failed-{uuid.uuid4().hex}"
        now = datetime.now(UTC)
        if self.history is None:
            self.session.insert(0, HistoryEntry(started_at=now, number=number, incoming=False,
                                                outcome="failed"))
            return
        from desktop.store.history import CallDirection, CallOutcome

        try:
            record = self.history.record_start(key, number=number, started_at=now,
                                               direction=CallDirection.OUTBOUND,
                                               extension=self.extension())
            self.history.record_end(record.id, now, CallOutcome.FAILED)
        except Exception:
            log.exception("history: failed dial (%s)", reason)

    def mark_sections(self, call_id: str, sections: list[str]) -> None:
        if sections and self.history is not None and call_id in self.ids:
            with contextlib.suppress(Exception):
                self.history.mark_sections_checked(self.ids[call_id], sections)

    def set_customer(self, call_id: str, customer_id: int, name: str) -> bool:
        """The call's customer (found, picked or chosen); False when the call has no row."""
        if self.history is None or call_id not in self.ids:
            return False
        with contextlib.suppress(Exception):
            self.history.set_customer(self.ids[call_id], str(customer_id), name)
        return True

    def refresh(self) -> None:
        which = self.view.current_filter()
        if self.history is None:
            self.view.set_entries([e for e in self.session if matches(e, which)])
            return
        from desktop.store.history import CallDirection, CallOutcome

        try:
            records = self.history.calls(which, limit=200)
        except Exception:
            log.exception("history: calls")
            return
        self.view.set_entries([HistoryEntry(
            started_at=r.started_at.astimezone(), number=r.number, display_name="",
            incoming=r.direction is CallDirection.INBOUND,
            answered=r.outcome in (CallOutcome.COMPLETED, CallOutcome.ANSWERED_ELSEWHERE),
            duration_s=r.duration_s or 0, customer_name=r.customer_name, logged=r.logged,
            history_id=r.id, outcome=r.outcome.value if r.outcome is not None else "")
            # "Perdidas" are the agent's missed calls; an outgoing one nobody answered is not
            for r in records
            if not (which is HistoryFilter.MISSED and r.direction is CallDirection.OUTBOUND)])
        if self.on_not_logged is not None:
            try:
                self.on_not_logged(self.history.count(HistoryFilter.NOT_LOGGED))
            except Exception:
                log.exception("history: count")

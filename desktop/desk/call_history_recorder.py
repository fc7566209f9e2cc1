"""Each call of the session into the call history, and the history into the "Histórico" tab.

The desk tells the recorder what happened to a call (started, answered, ended, whose call it
was, which card sections the agent opened); the recorder writes it to
:class:`desktop.store.history.CallHistory` and lists the rows the tab's filter asks for. A
failed write never stops the call. When the database refuses a write mid-session (disk full,
file read-only, another program holding the lock) the write is kept in memory, in order, and
retried before the next one and on a timer until it succeeds; the agent is told once, in pt-BR
(never sqlite's English text), and again when the history is written again. Without a database
(tests of the widgets alone) the session's calls are kept in memory instead.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.i18n import tr
from desktop.sip.events import CallEnded
from desktop.store.database import DatabaseProblem, diagnose
from desktop.ui.history_view import HistoryView
from desktop.ui.view_models import CallView, HistoryEntry, HistoryFilter

log = logging.getLogger(__name__)

_CONTEXT = "history"

Write = Callable[[], None]
RetryLater = Callable[[float, Callable[[], None]], None]   # (seconds, what to run then)


def matches(entry: HistoryEntry, which: HistoryFilter) -> bool:
    if which is HistoryFilter.MISSED:
        return entry.incoming and not entry.answered
    if which is HistoryFilter.ANSWERED:
        return entry.answered
    if which is HistoryFilter.NOT_LOGGED:
        return entry.answered and not entry.logged
    return True


def _qt_retry_later(seconds: float, run: Callable[[], None]) -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(int(seconds * 1000), run)


class CallHistoryRecorder:
    def __init__(self, history: Any, view: HistoryView, extension: Callable[[], str], *,
                 retry_later: RetryLater = _qt_retry_later, retry_s: float = 30.0) -> None:
        self.history = history                 # desktop.store.history.CallHistory, or None
        self.view = view
        self.extension = extension             # the agent's extension, as currently set
        self.ids: dict[str, int] = {}          # SIP call id → history row id
        self.session: list[HistoryEntry] = []  # when there is no database
        # the tray's "não registradas" count, once there is an attendance log to count for
        self.on_not_logged: Callable[[int], None] | None = None
        # the status bar / tray notice (app.py): the database refused, or accepts again
        self.on_notice: Callable[[str], None] | None = None
        # writes the database refused, oldest first; each one looks its row id up when it runs
        self.unsaved: list[Write] = []
        self._unsaved_starts: set[str] = set()  # calls whose first write is among them
        self._retry_later = retry_later
        # a long wait: a locked database makes each try block up to its busy timeout
        self._retry_s = retry_s
        self._retry_pending = False
        self._told: DatabaseProblem | None = None

    # --- writing, kept in memory while the database refuses ------------------------------------

    @property
    def _path(self) -> Path:
        return Path(getattr(self.history, "path", "") or "")

    def _write(self, write: Write) -> None:
        self.unsaved.append(write)   # after the ones still waiting: the order of a call holds
        self.flush()

    def flush(self) -> bool:
        """Write what the database refused before; True when nothing is left in memory."""
        self._retry_pending = False
        while self.unsaved:
            try:
                self.unsaved[0]()
            except Exception as exc:
                problem = diagnose(exc, self._path)
                if problem is None:   # a bug of ours, not the disk: retrying will not help
                    log.exception("history: write dropped")
                    self.unsaved.pop(0)
                    continue
                log.warning("history: %d write(s) kept in memory (%s): %s", len(self.unsaved),
                            problem.fault.value, problem.detail)
                self._tell(problem)
                if not self._retry_pending:
                    self._retry_pending = True
                    self._retry_later(self._retry_s, self._retry)
                return False
            self.unsaved.pop(0)
        if self._told is not None:
            self._told = None
            log.info("history: the writes kept in memory are in the database")
            self._notice(tr(_CONTEXT, "O histórico voltou a ser gravado: as chamadas guardadas "
                                      "na memória estão no banco de dados."))
            self.refresh()
        return True

    def _retry(self) -> None:
        self.flush()

    def _tell(self, problem: DatabaseProblem) -> None:
        if self._told is None:   # once per outage: the agent is on calls, not reading notices
            self._told = problem
            self._notice(tr(_CONTEXT, "Não foi possível gravar o histórico: {reason}. As "
                                      "chamadas ficam guardadas na memória e serão gravadas "
                                      "quando o banco de dados voltar a aceitar gravações."
                            ).format(reason=problem.reason))

    def _notice(self, text: str) -> None:
        if self.on_notice is not None:
            self.on_notice(text)

    def _known(self, call_id: str) -> bool:
        return call_id in self.ids or call_id in self._unsaved_starts

    # --- what the desk reports -----------------------------------------------------------------

    def record_start(self, call_id: str, number: str, inbound: bool, *,
                     later: bool = False) -> None:
        """A new call. With ``later``, its row is only queued (a ringing call's first moments
        go to its popup and IXC lookup): the next :meth:`flush`, or any later write, writes
        it first."""
        if self.history is None:
            return
        from desktop.store.history import CallDirection

        started_at = datetime.now(UTC)
        direction = CallDirection.INBOUND if inbound else CallDirection.OUTBOUND
        extension = self.extension()

        def write() -> None:
            record = self.history.record_start(call_id, number=number, started_at=started_at,
                                               direction=direction, extension=extension)
            self.ids[call_id] = record.id
            self._unsaved_starts.discard(call_id)

        self._unsaved_starts.add(call_id)
        if later:
            self.unsaved.append(write)
            return
        self._write(write)

    def record_answer(self, call_id: str, *, later: bool = False) -> None:
        """The call was answered now. With ``later``, only queued, as in :meth:`record_start`
        (the answer's first moments go to the request that reserves its protocol)."""
        if self.history is not None and self._known(call_id):
            at = datetime.now(UTC)
            write: Write = lambda: self.history.record_answer(self.ids[call_id], at)  # noqa: E731
            if later:
                self.unsaved.append(write)
                return
            self._write(write)

    def record_end(self, event: CallEnded, call: CallView | None, sections: list[str]) -> None:
        """``call``: what the desk still knows of the call (for the in-memory list);
        ``sections``: the card sections the agent opened."""
        if self.history is not None and self._known(event.call_id):
            from desktop.store.history import CallOutcome

            at, outcome = datetime.now(UTC), CallOutcome(event.outcome)
            self._write(lambda: self.history.record_end(self.ids[event.call_id], at, outcome))
            if sections:
                self.mark_sections(event.call_id, sections)
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

        log.info("history: failed dial to %s (%s)", number, reason)
        extension = self.extension()

        def write() -> None:   # run again whole after a refusal: the start is a no-op then
            record = self.history.record_start(key, number=number, started_at=now,
                                               direction=CallDirection.OUTBOUND,
                                               extension=extension)
            self.history.record_end(record.id, now, CallOutcome.FAILED)

        self._write(write)

    def mark_sections(self, call_id: str, sections: list[str]) -> None:
        if sections and self.history is not None and self._known(call_id):
            chosen = list(sections)
            self._write(lambda: self.history.mark_sections_checked(self.ids[call_id], chosen))

    def mark_transferred(self, call_id: str, target: str, mode: str) -> None:
        """The call was handed to ``target`` ("blind" or "attended"): "transferida"."""
        if self.history is not None and self._known(call_id):
            self._write(lambda: self.history.mark_transferred(self.ids[call_id], target, mode))

    def set_callback_of(self, call_id: str, missed_id: int) -> None:
        """This outgoing call returns the missed call ``missed_id`` (the "Retornar" list)."""
        if self.history is not None and self._known(call_id):
            self._write(lambda: self.history.set_callback_of(self.ids[call_id], missed_id))

    def set_customer(self, call_id: str, customer_id: int, name: str) -> bool:
        """The call's customer (found, picked or chosen); False when the call has no row."""
        if self.history is None or not self._known(call_id):
            return False
        self._write(lambda: self.history.set_customer(self.ids[call_id], str(customer_id), name))
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
            answered=r.outcome in (CallOutcome.COMPLETED, CallOutcome.ANSWERED_ELSEWHERE,
                                   CallOutcome.TRANSFERRED),
            duration_s=r.duration_s or 0, customer_name=r.customer_name, logged=r.logged,
            history_id=r.id, outcome=r.outcome.value if r.outcome is not None else "",
            transferred_to=r.transferred_to)
            # "Perdidas" are the agent's missed calls; an outgoing one nobody answered is not
            for r in records
            if not (which is HistoryFilter.MISSED and r.direction is CallDirection.OUTBOUND)])
        if self.on_not_logged is not None:
            try:
                self.on_not_logged(self.history.count(HistoryFilter.NOT_LOGGED))
            except Exception:
                log.exception("history: count")

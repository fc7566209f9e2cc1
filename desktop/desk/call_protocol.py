"""The call's IXC protocol during the call: opened on answer, shown on the popup, reminded after.

Brazilian consumers are given a protocol number for each contact and agents read it out before
hanging up. Once a call is answered *and* its customer is known (the lookup's only match, the
agent's pick or search), the ticket is opened through :meth:`AttendanceService.open_ticket`: at
once with ``[attendance] open_ticket = "auto"``, with the popup's "Abrir protocolo" button with
``"click"``, never with ``"off"``. The outbox worker sends it; when its item reports the protocol
the popup's bar shows it with a copy button. The log dialog later completes that same ticket
(the service finds it by the call's history row).

A call that ended without a log keeps its ticket open ("não registrado"): :meth:`remind` says so
in the status bar and the tray, at start and every few minutes while any is left.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.forward.attendance import AttendanceService, OpenRequest
from desktop.forward.outbox_worker import OutboxWorker
from desktop.i18n import tr
from desktop.ixc.tickets import TicketError
from desktop.settings.model import Settings
from desktop.store.outbox import OutboxItem, OutboxState
from desktop.ui.ring_popup import RingPopup

log = logging.getLogger(__name__)
_CONTEXT = "call_protocol"

REMIND_EVERY_MS = 5 * 60 * 1000


@dataclass
class _CallTicket:
    answered: bool = False
    customer_id: int | None = None
    customer_name: str = ""
    item_id: int | None = None        # the opening's outbox item, once queued
    protocol: str = ""


class CallProtocol(QObject):
    notice = Signal(str)                     # status bar + tray
    protocol_ready = Signal(str, str)        # SIP call id, protocol (tests, the benchmark)

    def __init__(self, service: AttendanceService, settings: Callable[[], Settings],
                 history_ids: Mapping[str, int], popups: Mapping[str, RingPopup], *,
                 worker: OutboxWorker | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._settings = settings
        self.history_ids = history_ids       # SIP call id → history row id
        self.popups = popups                 # the desk's open popups
        self.calls: dict[str, _CallTicket] = {}
        self._by_item: dict[int, str] = {}   # outbox item id → SIP call id
        if worker is not None:
            worker.subscribe(self.item_changed)
        self.reminder = QTimer(self)
        self.reminder.setInterval(REMIND_EVERY_MS)
        self.reminder.timeout.connect(self.remind)

    @property
    def mode(self) -> str:
        return self._settings().attendance.open_ticket

    # --- what the desk tells us ---------------------------------------------------------------

    def wire_popup(self, popup: RingPopup, call_id: str) -> None:
        popup.protocol_bar.open_requested.connect(lambda: self.open(call_id))
        self._show(call_id)

    def call_answered(self, call_id: str) -> None:
        self.calls.setdefault(call_id, _CallTicket()).answered = True
        self._advance(call_id)

    def customer_known(self, call_id: str, customer_id: int, name: str) -> None:
        state = self.calls.setdefault(call_id, _CallTicket())
        if state.item_id is not None:
            return     # the ticket is the first customer's; a later change is the log's to say
        state.customer_id, state.customer_name = customer_id, name
        self._advance(call_id)

    def call_ended(self, call_id: str) -> None:
        """Nothing is undone: the popup keeps the protocol, the log dialog completes it."""
        state = self.calls.get(call_id)
        if state is not None and state.item_id is None:
            del self.calls[call_id]
            self._show(call_id)

    def _advance(self, call_id: str) -> None:
        state = self.calls[call_id]
        if (self.mode == "auto" and state.answered and state.customer_id is not None
                and state.item_id is None):
            self.open(call_id)
        else:
            self._show(call_id)

    # --- the command ---------------------------------------------------------------------------

    def open(self, call_id: str) -> OutboxItem | None:
        """Open the call's ticket (once): queued in the outbox, sent by the worker."""
        state = self.calls.get(call_id)
        history_id = self.history_ids.get(call_id)
        if (state is None or not state.answered or state.customer_id is None
                or history_id is None):
            return None
        if state.item_id is not None:
            return None
        try:
            opened = self.service.open_ticket(OpenRequest(
                call_id=history_id, customer_id=str(state.customer_id),
                customer_name=state.customer_name))
        except TicketError as exc:
            self._bar_failed(call_id, exc.message)
            return None
        except Exception as exc:   # the database refused: said, the call goes on
            log.exception("open_ticket failed")
            self._bar_failed(call_id, str(exc) or type(exc).__name__)
            return None
        state.item_id = opened.ticket.id
        self._by_item[opened.ticket.id] = call_id
        self.item_changed(opened.ticket)
        return opened.ticket

    def item_changed(self, item: OutboxItem) -> None:
        """The worker's listener: the opening was sent (protocol), is retried, or failed."""
        call_id = self._by_item.get(item.id)
        if call_id is None:
            return
        state = self.calls[call_id]
        if item.state is OutboxState.SENT:
            state.protocol = str(item.result.get("protocol", "") or "")
            if state.protocol:
                self.protocol_ready.emit(call_id, state.protocol)
        self._show(call_id, item)

    # --- the popup's bar -----------------------------------------------------------------------

    def _show(self, call_id: str, item: OutboxItem | None = None) -> None:
        popup = self.popups.get(call_id)
        if popup is None:
            return
        bar = popup.protocol_bar
        state = self.calls.get(call_id)
        if self.mode == "off" and (state is None or state.item_id is None):
            bar.hide()
            return
        if state is None or state.item_id is None:
            if state is None or not state.answered:
                bar.offer(False, tr(_CONTEXT, "O protocolo pode ser aberto depois de atender."))
            elif state.customer_id is None:
                bar.offer(False, tr(_CONTEXT, "Identifique o cliente para abrir o protocolo."))
            else:
                bar.offer(True)
            return
        if state.protocol:
            bar.show_protocol(state.protocol)
        elif item is not None and item.state is OutboxState.FAILED:
            bar.show_failed(item.last_error or tr(_CONTEXT, "motivo desconhecido"))
        elif item is not None and item.last_error:
            bar.show_pending(tr(_CONTEXT, "Abrindo o protocolo no IXC… ({error})").format(
                error=item.last_error))
        else:
            bar.show_pending(tr(_CONTEXT, "Abrindo o protocolo no IXC…"))

    def _bar_failed(self, call_id: str, reason: str) -> None:
        popup = self.popups.get(call_id)
        if popup is not None:
            popup.protocol_bar.show_failed(reason)
        self.notice.emit(tr(_CONTEXT, "O protocolo não foi aberto: {reason}").format(
            reason=reason))

    def protocol_of(self, call_id: str) -> str:
        state = self.calls.get(call_id)
        return state.protocol if state is not None else ""

    # --- tickets left open -----------------------------------------------------------------------

    def start(self) -> None:
        self.remind()
        self.reminder.start()

    def remind(self) -> str:
        """Say which protocols were opened on a call and are not logged yet ("" if none)."""
        live = {self.history_ids.get(c) for c in self.popups}
        left = [a for a in self.service.open_attendances() if a.call_id not in live]
        if not left:
            return ""
        protocols = []
        for attendance in left[:5]:
            item = self.service.opening_of(attendance)
            protocol = str(item.result.get("protocol", "") or "") if item is not None else ""
            protocols.append(f"{protocol or '—'} ({attendance.customer_name})")
        text = tr(_CONTEXT, "Protocolos abertos em ligação e não registrados ({n}): {list}. "
                            "Registre o atendimento pelo histórico.").format(
            n=len(left), list="; ".join(protocols))
        self.notice.emit(text)
        return text

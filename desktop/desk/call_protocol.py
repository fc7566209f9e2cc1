"""The call's IXC protocol during the call: opened on answer, shown on the popup, reminded after.

Brazilian consumers are given a protocol number for each contact and agents read it out before
hanging up. Once a call is answered *and* its customer is known (the lookup's only match, the
agent's pick or search), the ticket is opened: at once with ``[attendance] open_ticket =
"auto"``, with the popup's "Abrir protocolo" button with ``"click"``, never with ``"off"``.

Opening is two steps. First the protocol is reserved in IXC by a direct call on the loop
(:meth:`AttendanceService.reserve_protocol`: one request that creates nothing, so it needs no
outbox); the moment it answers, the popup's bar shows "Protocolo: N" with a copy button and
"registrando no IXC…". Then :meth:`AttendanceService.open_ticket` queues the insert carrying N
and the worker sends it (no read-back); the note goes when the worker reports it sent. If the
reservation fails, nothing alarming is said: the ticket is queued without a protocol, IXC
numbers it and the worker reads it back, and the bar shows it then, as before. One reservation
and one ticket per call, whatever the clicks; a call that ends while the reservation is on its
way still gets its ticket. The log dialog later completes that same ticket (the service finds
it by the call's history row).

A call that ended without a log keeps its ticket open ("não registrado"): :meth:`remind` says so
in the status bar and the tray, at start and every few minutes while any is left.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.desk.paint_hold import PaintHold
from desktop.forward.attendance import AttendanceService, OpenRequest, opening_protocol
from desktop.forward.outbox_worker import OutboxWorker
from desktop.i18n import tr
from desktop.ixc.errors import IxcError
from desktop.ixc.sent_watch import notify_when_sent
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
    reserving: bool = False           # the protocol is being reserved in IXC
    item_id: int | None = None        # the opening's outbox item, once queued
    item: OutboxItem | None = None    # its last known state
    protocol: str = ""

    @property
    def started(self) -> bool:
        """The opening began: reserving, a protocol on show, or the ticket queued."""
        return self.reserving or bool(self.protocol) or self.item_id is not None


class CallProtocol(QObject):
    notice = Signal(str)                     # status bar + tray
    protocol_ready = Signal(str, str)        # SIP call id, protocol (tests, the benchmark)

    def __init__(self, service: AttendanceService, settings: Callable[[], Settings],
                 history_ids: Mapping[str, int], popups: Mapping[str, RingPopup], *,
                 worker: OutboxWorker | None = None,
                 spawn: Callable[[Coroutine[Any, Any, None]], object] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._settings = settings
        self.history_ids = history_ids       # SIP call id → history row id
        self.popups = popups                 # the desk's open popups
        # runs the reservation on the loop (the desk's BackgroundTasks.spawn: failures logged);
        # without it the ticket is opened the old way, numbered by IXC
        self._spawn = spawn
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

    def refresh(self) -> None:
        """``open_ticket`` changed in "Configurações": the open popups' bars follow it now (a
        protocol already opened stays; "auto" opens from the next answer or customer)."""
        for call_id in list(self.popups):
            self._show(call_id)

    # --- what the desk tells us ---------------------------------------------------------------

    def wire_popup(self, popup: RingPopup, call_id: str) -> None:
        popup.protocol_bar.open_requested.connect(lambda: self.open(call_id))
        self._show(call_id)

    def call_answered(self, call_id: str) -> None:
        self.calls.setdefault(call_id, _CallTicket()).answered = True
        self._advance(call_id)

    def customer_known(self, call_id: str, customer_id: int, name: str) -> None:
        state = self.calls.setdefault(call_id, _CallTicket())
        if state.started:
            return     # the ticket is the first customer's; a later change is the log's to say
        state.customer_id, state.customer_name = customer_id, name
        self._advance(call_id)

    def call_ended(self, call_id: str) -> None:
        """Nothing is undone: the popup keeps the protocol, the log dialog completes it; a
        reservation still on its way opens the ticket when it comes back."""
        state = self.calls.get(call_id)
        if state is not None and not state.started:
            del self.calls[call_id]
            self._show(call_id)

    def _advance(self, call_id: str) -> None:
        state = self.calls[call_id]
        if (self.mode == "auto" and state.answered and state.customer_id is not None
                and not state.started):
            self.open(call_id)
        else:
            self._show(call_id)

    # --- the command ---------------------------------------------------------------------------

    def open(self, call_id: str) -> None:
        """Open the call's ticket (once): its protocol reserved in IXC first, then the ticket
        queued in the outbox carrying it, sent by the worker."""
        state = self.calls.get(call_id)
        history_id = self.history_ids.get(call_id)
        if (state is None or not state.answered or state.customer_id is None
                or history_id is None or state.started):
            return
        request = OpenRequest(call_id=history_id, customer_id=str(state.customer_id),
                              customer_name=state.customer_name)
        if self._spawn is None:
            self._queue(call_id, request)
            return
        if not self._passes(call_id, lambda: self.service.check_opening(request)):
            return      # nothing to reserve a number for
        state.reserving = True
        self._show(call_id)
        # the popup's repaint (answered, "reservando") waits until the reservation has left
        popup = self.popups.get(call_id)
        hold = PaintHold(popup) if popup is not None else None
        self._spawn(self._reserve_then_queue(call_id, request, hold))

    async def _reserve_then_queue(self, call_id: str, request: OpenRequest,
                                  hold: PaintHold | None = None) -> None:
        """The protocol on the popup after one request, then the ticket queued with it. A
        failed reservation says nothing to the agent: IXC numbers the ticket, as before."""
        if hold is not None:
            notify_when_sent(hold.release)
        try:
            protocol = await self.service.reserve_protocol()
        except asyncio.CancelledError:
            raise
        except IxcError as exc:
            log.warning("protocol not reserved, IXC will number the ticket: %s", exc.message)
            protocol = ""
        except Exception:
            log.exception("reserving the protocol failed; IXC will number the ticket")
            protocol = ""
        finally:
            if hold is not None:
                hold.release()    # no request left (paused, refused at once)
        state = self.calls.get(call_id)
        if state is None:
            return
        state.reserving = False
        request = dataclasses.replace(request, protocol=protocol)
        if protocol:
            # logged meanwhile, with a ticket of its own: the number is left unused
            if not self._passes(call_id, lambda: self.service.check_not_logged(request.call_id)):
                log.info("reserved protocol %s left unused", protocol)
                return
            state.protocol = protocol
            self._show(call_id)
            self.protocol_ready.emit(call_id, protocol)
        self._queue(call_id, request)

    def _passes(self, call_id: str, check: Callable[[], object]) -> bool:
        """Run a check of the opening; a refusal (or the database's) goes on the bar."""
        try:
            check()
        except TicketError as exc:
            self._bar_failed(call_id, exc.message)
            return False
        except Exception as exc:   # the database refused: said, the call goes on
            log.exception("checking the opening failed")
            self._bar_failed(call_id, str(exc) or type(exc).__name__)
            return False
        return True

    def _queue(self, call_id: str, request: OpenRequest) -> None:
        state = self.calls[call_id]
        try:
            opened = self.service.open_ticket(request)
        except TicketError as exc:
            state.protocol = ""     # no ticket will carry it
            self._bar_failed(call_id, exc.message)
            return
        except Exception as exc:   # the database refused: said, the call goes on
            log.exception("open_ticket failed")
            state.protocol = ""
            self._bar_failed(call_id, str(exc) or type(exc).__name__)
            return
        state.item_id = opened.ticket.id
        self._by_item[opened.ticket.id] = call_id
        self.item_changed(opened.ticket)

    def item_changed(self, item: OutboxItem) -> None:
        """The worker's listener: the opening was sent, is retried, or failed."""
        call_id = self._by_item.get(item.id)
        if call_id is None:
            return
        state = self.calls[call_id]
        state.item = item
        # the item's own protocol wins: IXC's answer once sent, else the one it carries (a
        # second opening of the call returns the first one's item)
        protocol = opening_protocol(item)
        if protocol and protocol != state.protocol:
            if state.protocol:
                log.warning("call %s: IXC's ticket has protocol %s, not %s", call_id, protocol,
                            state.protocol)
            first = not state.protocol
            state.protocol = protocol
            if first:
                self.protocol_ready.emit(call_id, protocol)
        self._show(call_id)

    # --- the popup's bar -----------------------------------------------------------------------

    def _show(self, call_id: str) -> None:
        popup = self.popups.get(call_id)
        if popup is None:
            return
        bar = popup.protocol_bar
        state = self.calls.get(call_id)
        if self.mode == "off" and (state is None or not state.started):
            bar.hide()
            return
        if state is None or not state.started:
            if state is None or not state.answered:
                bar.offer(False, tr(_CONTEXT, "O protocolo pode ser aberto depois de atender."))
            elif state.customer_id is None:
                bar.offer(False, tr(_CONTEXT, "Identifique o cliente para abrir o protocolo."))
            else:
                bar.offer(True)
            return
        item = state.item
        if state.protocol:
            bar.show_protocol(state.protocol, self._ticket_note(item), note_is_problem=(
                item is not None and item.state is OutboxState.FAILED))
        elif item is not None and item.state is OutboxState.FAILED:
            bar.show_failed(item.last_error or tr(_CONTEXT, "motivo desconhecido"))
        elif item is not None and item.last_error:
            bar.show_pending(tr(_CONTEXT, "Abrindo o protocolo no IXC… ({error})").format(
                error=item.last_error))
        else:
            bar.show_pending(tr(_CONTEXT, "Abrindo o protocolo no IXC…"))

    @staticmethod
    def _ticket_note(item: OutboxItem | None) -> str:
        """Beside a protocol on show: how the ticket carrying it is doing in IXC."""
        if item is not None and item.state is OutboxState.SENT:
            return ""
        if item is not None and item.state is OutboxState.FAILED:
            return tr(_CONTEXT, "não registrado no IXC: {reason}").format(
                reason=item.last_error or tr(_CONTEXT, "motivo desconhecido"))
        return tr(_CONTEXT, "registrando no IXC…")

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
            protocol = opening_protocol(item) if item is not None else ""
            protocols.append(f"{protocol or '—'} ({attendance.customer_name})")
        text = tr(_CONTEXT, "Protocolos abertos em ligação e não registrados ({n}): {list}. "
                            "Registre o atendimento pelo histórico.").format(
            n=len(left), list="; ".join(protocols))
        self.notice.emit(text)
        return text

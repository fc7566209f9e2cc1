"""The calls on the agent's desk: engine events in, call views and ring popups out, commands back.

The SIP engine posts :mod:`desktop.sip.events` on its own thread; :class:`CallDesk` moves each
onto the GUI thread (:mod:`desktop.ui.gui_thread`) and turns it into a :class:`CallView` in the
main window's call panel and, for a ringing call, a :class:`RingPopup` whose card the IXC lookup
(asyncio on qasync) fills in section by section. Each call goes to the history through
:class:`~desktop.desk.call_history_recorder.CallHistoryRecorder`. The agent's clicks (answer,
decline, hang up, hold, mute, DTMF with local key tones, transfer, dial) become engine commands
(futures); a failed one is reported through ``notice``.

What is not about a call is signalled, not called: the line state, notices, the missed count and
the tray's notifications; a new popup (``popup_opened``, before it shows, so the desk can wire
its search box, IXC link and attendance buttons), a dismissed one (``popup_closing``) and an
answered call that ended (``answered_call_ended``, the attendance prompt).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import re
import time
from collections.abc import Callable
from concurrent.futures import Future
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.audio.desk_audio import DeskAudio
from desktop.desk.call_history_recorder import CallHistoryRecorder
from desktop.desk.card_update_batch import SETTLE_S, CardUpdateBatch, loop_scheduler
from desktop.desk.consultation import ConsultationFlow
from desktop.desk.popup_supply import PopupSupply
from desktop.desk.ports import Engine, EngineFactory, Lookup
from desktop.i18n import tr
from desktop.ixc.models import CustomerRecord, LookupResult
from desktop.ixc.sent_watch import notify_when_sent
from desktop.phone.numbers import NumberKind, normalize_br_number
from desktop.settings.model import Settings
from desktop.sip.events import (
    CallEnded,
    CallStateChanged,
    EngineError,
    IncomingCall,
    OutgoingCallStarted,
    RegistrationChanged,
    SipEvent,
    TransferResult,
)
from desktop.ui.formatting import notification_text
from desktop.ui.gui_thread import GuiThreadInvoker
from desktop.ui.main_window import MainWindow
from desktop.ui.qt_lifetime import dispose_later
from desktop.ui.ring_popup import RingPopup
from desktop.ui.view_models import CallerKind, CallPhase, CallView, LineState

log = logging.getLogger(__name__)
_CONTEXT = "app"   # the strings' translation context from before they moved here

# the longest a looked-up call's popup waits for the lookup's first request to leave
POPUP_HOLD_S = 0.025
# when a ringing call's history row is written and the call listed in the main window
LIST_AFTER_S = 0.03

_REGISTRATION_STATES = {
    "unregistered": LineState.OFFLINE,
    "registering": LineState.REGISTERING,
    "registered": LineState.REGISTERED,
    "failed": LineState.FAILED,
}


def caller_kind(event: IncomingCall) -> CallerKind:
    if event.anonymous or not event.number:
        return CallerKind.ANONYMOUS
    if event.internal:
        return CallerKind.INTERNAL
    return CallerKind.EXTERNAL


def sip_user(target: str) -> str:
    """``sip:801@10.0.0.1:5060`` → ``801`` (what the agent chose); anything else as it is."""
    m = re.match(r"^<?sips?:([^@;>]+)@", target)
    return m.group(1) if m else target


class CallDesk(QObject):
    popup_shown = Signal(str, float)        # call id, time.time() when shown
    card_completed = Signal(str, float)     # call id, time.time() when the last section landed
    call_ended = Signal(str, str)           # call id, outcome
    popup_opened = Signal(str, object)      # call id, RingPopup (not shown yet)
    popup_closing = Signal(str)             # call id: the agent dismissed its popup
    answered_call_ended = Signal(str)       # call id of an answered call that ended
    call_answered = Signal(str)             # call id, the first time it is connected
    call_customer_set = Signal(str, int, str)  # call id, IXC customer id, name
    outgoing_started = Signal(str, str)     # call id, number (its history row exists)
    line_state_changed = Signal(object, str)   # LineState, detail
    notice = Signal(str)                    # for the status bar and the tray
    missed_changed = Signal(int)            # missed calls since the agent last looked
    missed_call = Signal(str, str)          # display name, number
    incoming_without_popup = Signal(str, str)  # display name, number (popups turned off)

    def __init__(self, engine_factory: EngineFactory, window: MainWindow,
                 recorder: CallHistoryRecorder, settings: Callable[[], Settings],
                 ixc: Callable[[], Lookup | None], invoker: GuiThreadInvoker,
                 spawn: Callable[[Any], object], is_quitting: Callable[[], bool], *,
                 audio: DeskAudio | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.recorder = recorder
        self.settings = settings           # the desk's current settings
        self.ixc = ixc                     # the desk's current Lookup, or None (no IXC)
        self.invoker = invoker
        self.spawn = spawn                 # runs a coroutine on the loop, cancelled at shut-down
        self.is_quitting = is_quitting
        # ringtone + headset (desktop/audio/desk_audio.py); None = silent (tests, no devices)
        self.audio = audio
        self.calls: dict[str, CallView] = {}
        self.popups: dict[str, RingPopup] = {}
        self._unshown: dict[str, int] = {}    # call id → stack position, popup not shown yet
        # the next ringing call's popup, built while the desk is idle (desk/popup_supply.py)
        self.popup_supply = PopupSupply(lambda: not is_quitting(), parent=self)
        self.popup_supply.prepare()
        self.lookups: dict[str, asyncio.Task[None]] = {}
        self.invite_times: dict[str, float] = {}         # call id → INVITE reached the engine
        # how long a ringing card waits for the rest of a request wave before drawing
        self.card_settle_s = SETTLE_S
        self.dnd = False
        self.missed = 0
        self.engine: Engine = engine_factory(self._on_engine_event)
        # attended transfer: hold, consult the sector, complete or cancel
        self.consultations = ConsultationFlow(self)

    # --- engine events ------------------------------------------------------------------------

    def _on_engine_event(self, event: SipEvent) -> None:
        """Engine thread: hand the event to the GUI thread and return at once."""
        self.invoker.post(lambda: self.handle_event(event))

    def handle_event(self, event: SipEvent) -> None:
        if self.is_quitting():
            return
        if self.audio is not None:
            # the ringtone follows the calls: rings on an incoming one (not in DND, and in
            # companion mode only with audio.companion_ring), stops on answer/cancel/decline
            self.audio.on_event(event)
        if isinstance(event, RegistrationChanged):
            detail = ""
            if event.state == "failed":
                detail = f"{event.code} {event.reason}".strip()
                if event.retry_in_s:
                    detail += " · " + tr(_CONTEXT, "nova tentativa em {s:.0f} s").format(
                        s=event.retry_in_s)
            self.line_state_changed.emit(
                _REGISTRATION_STATES.get(event.state, LineState.OFFLINE), detail)
        elif isinstance(event, IncomingCall):
            self._incoming(event)
        elif isinstance(event, OutgoingCallStarted):
            self.show_call(CallView(event.call_id, event.number, incoming=False,
                                  phase=CallPhase.DIALING))
            self.recorder.record_start(event.call_id, event.number, inbound=False)
            self.recorder.refresh()      # listed at once, "Em andamento"
            self.outgoing_started.emit(event.call_id, event.number)
            self._identify_callee(event.call_id, event.number)
        elif isinstance(event, CallStateChanged):
            self._state_changed(event)
            self.consultations.on_state(event)
        elif isinstance(event, CallEnded):
            self._ended(event)
            self.consultations.on_ended(event)
        elif isinstance(event, TransferResult):
            if self.consultations.on_transfer_result(event):
                return
            if event.success:
                self.recorder.mark_transferred(event.call_id, sip_user(event.target), "blind")
            text = (tr(_CONTEXT, "Transferência para {target} concluída.") if event.success else
                    tr(_CONTEXT, "A transferência para {target} falhou: {code} {reason}"))
            self.notice.emit(text.format(target=sip_user(event.target), code=event.code,
                                         reason=event.reason))
        elif isinstance(event, EngineError):
            self.notice.emit(event.message)

    def _incoming(self, event: IncomingCall) -> None:
        self.invite_times[event.call_id] = event.received_at or time.time()
        call = CallView(event.call_id, event.number, event.display_name, incoming=True,
                        phase=CallPhase.RINGING, kind=caller_kind(event))
        if self.dnd:
            self.recorder.record_start(event.call_id, event.number, inbound=True)
            self.watch_command(self.engine.decline(event.call_id), tr(_CONTEXT, "Recusar"))
            return
        # the ring's first milliseconds belong to the popup and the IXC lookup: the history row
        # and the calls panel follow a moment later (the row is queued now, in order)
        self.recorder.record_start(event.call_id, event.number, inbound=True, later=True)
        self.calls[call.call_id] = call
        self._after(LIST_AFTER_S, lambda: self._list_call(call.call_id))
        settings = self.settings()
        looked_up = call.kind is CallerKind.EXTERNAL
        if settings.ui.popup_on_ring:
            popup = self.popup_supply.take(call, settings.sectors)
            popup.answer_requested.connect(self.answer)
            popup.decline_requested.connect(self.decline)
            popup.hangup_requested.connect(self.hangup)
            popup.transfer_requested.connect(self.transfer)
            popup.dismissed.connect(self._popup_dismissed)
            popup.customer_picked.connect(self._customer_picked)
            self.popup_opened.emit(event.call_id, popup)
            self.popups[event.call_id] = popup
            self._unshown[event.call_id] = len(self.popups) - 1
            if looked_up and self.ixc() is not None:
                # shown once the lookup's first request has left (or after POPUP_HOLD_S):
                # painting first would keep IXC waiting for the paint
                self._after(POPUP_HOLD_S, lambda: self._show_popup(event.call_id))
            else:
                self._show_popup(event.call_id)
        else:
            self.incoming_without_popup.emit(notification_text(event.display_name),
                                             event.number)
        if looked_up:
            self._start_lookup(event.call_id, event.number)

    @staticmethod
    def _after(delay_s: float, run: Callable[[], None]) -> None:
        """``run`` on the event loop ``delay_s`` from now; at once when no loop runs (a test
        driving the desk by hand, without IXC)."""
        try:
            loop_scheduler(delay_s, run)
        except RuntimeError:
            run()

    def _flush_history(self) -> None:
        self.recorder.flush()

    def _list_call(self, call_id: str) -> None:
        self.recorder.flush()    # the row queued at the ring (a no-op once written)
        call = self.calls.get(call_id)
        if call is not None and not self.is_quitting():   # not ended (or quit) meanwhile
            self.window.calls.upsert(call)

    def _show_popup(self, call_id: str) -> None:
        """Show the call's popup (once; nothing if it was closed meanwhile)."""
        stack_index = self._unshown.pop(call_id, None)
        popup = self.popups.get(call_id)
        if stack_index is None or popup is None:
            return
        popup.pop_up(stack_index)
        self.popup_shown.emit(call_id, time.time())

    def _start_lookup(self, call_id: str, number: str) -> None:
        popup = self.popups.get(call_id)
        ixc = self.ixc()
        if ixc is None:
            if popup is not None:
                popup.show_lookup_error(tr(_CONTEXT, "IXC não configurado"))
            return
        records: dict[int, CustomerRecord] = {}
        # when the card last became complete (every section of every record in): the outage
        # check may still run after that, but its banner is an addition, not part of the card
        complete_at: float | None = None

        def render() -> None:
            nonlocal complete_at
            target = self.popups.get(call_id)
            if target is not None and records:
                target.show_lookup(LookupResult(number, tuple(records.values())), False)
            if records and all(r.complete for r in records.values()):
                complete_at = complete_at or time.time()

        # the replies of one request wave render once (desktop/desk/card_update_batch.py)
        batch = CardUpdateBatch(render, settle_s=self.card_settle_s)

        def on_update(record: CustomerRecord) -> None:
            nonlocal complete_at
            records[record.customer.id] = record
            if not record.complete:
                complete_at = None   # a new customer, or a section of one still loading
            batch.push(all(r.complete for r in records.values()))

        async def run() -> None:
            # this task's requests (and its child tasks'): once all have left, the popup shows
            notify_when_sent(lambda: self._show_popup(call_id))
            try:
                result = await ixc.lookup(number, on_update=on_update)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                message = getattr(exc, "message", "") or str(exc) or type(exc).__name__
                log.warning("lookup %s failed: %s", call_id, message)
                target = self.popups.get(call_id)
                if target is not None:
                    target.show_lookup_error(message)
                return
            finally:
                self.lookups.pop(call_id, None)
                batch.cancel()   # the final result below supersedes it
                self._show_popup(call_id)   # a lookup that sent nothing
                self.recorder.flush()       # the call's history row, if still queued
            target = self.popups.get(call_id)
            if target is not None:
                target.show_lookup(result, True)
            self.card_completed.emit(call_id, complete_at or time.time())
            # the call's customer in the history: the only match, or the one the agent already
            # picked from the list; with several and no choice yet, the pick sets it
            chosen = target.chosen_id if target is not None else None
            best = next((m.customer for m in result.matches if m.customer.id == chosen), None)
            if best is None and len(result.matches) == 1:
                best = result.matches[0].customer
            if best is not None and not (target is not None and target.manual):
                self.set_call_customer(call_id, best.id, best.name)

        self.lookups[call_id] = asyncio.ensure_future(run())

    def _state_changed(self, event: CallStateChanged) -> None:
        call = self.calls.get(event.call_id)
        if call is None:
            return
        state = event.state
        first_answer = False
        if state == "ringing":
            call = dataclasses.replace(call, phase=CallPhase.RINGING)
        elif state in ("calling", "early"):
            call = dataclasses.replace(call, phase=CallPhase.DIALING)
        elif state == "held":
            call = dataclasses.replace(call, phase=CallPhase.CONNECTED, held=True)
        elif state in ("answered", "resumed", "remote_held", "transferring"):
            first = call.phase is not CallPhase.CONNECTED
            call = dataclasses.replace(call, phase=CallPhase.CONNECTED,
                                       held=call.held and state == "transferring",
                                       connected_at=call.connected_at or datetime.now(UTC))
            if first:
                first_answer = True
                # written a moment later: the answer's protocol request goes first
                self.recorder.record_answer(event.call_id, later=True)
                self._after(LIST_AFTER_S, self._flush_history)
        self.show_call(call)
        if first_answer:
            self.call_answered.emit(event.call_id)

    def _ended(self, event: CallEnded) -> None:
        call = self.calls.pop(event.call_id, None)
        self.window.calls.remove(event.call_id)
        task = self.lookups.pop(event.call_id, None)
        popup = self.popups.get(event.call_id)
        interrupted = False   # its lookup stopped before IXC answered
        if call is not None and call.incoming and event.outcome == "missed":
            self.missed += 1
            self.missed_changed.emit(self.missed)
            self.missed_call.emit(notification_text(call.display_name), call.number)
        # the call was popped above: what the in-memory list gets is the popup's view of it
        self.recorder.record_end(
            event, call or (popup.call if popup is not None else None),
            [s.value for s in popup.opened_sections()] if popup is not None else [])
        if popup is not None:
            if event.outcome == "completed" and call is not None:
                popup.update_call(dataclasses.replace(call, phase=CallPhase.ENDED))
            else:  # never talked: nothing left to do with the card
                if task is not None:
                    interrupted = task.cancel()
                popup.close()
        if (interrupted and call is not None and call.incoming
                and event.outcome in ("missed", "answered_elsewhere")):
            # it stopped ringing before IXC answered: who it was still matters ("Retornar")
            self._identify_callee(event.call_id, call.number)
        self.call_ended.emit(event.call_id, event.outcome)
        self.recorder.refresh()
        # a consultation with a sector is not an attendance: the customer's call is
        if event.outcome == "completed" and call is not None and not call.consult_for:
            self.answered_call_ended.emit(event.call_id)

    def show_call(self, call: CallView) -> None:
        """Keep ``call`` as the call's view and show it in the calls panel and its popup."""
        self.calls[call.call_id] = call
        self.window.calls.upsert(call)
        popup = self.popups.get(call.call_id)
        if popup is not None:
            popup.update_call(call)

    def _popup_dismissed(self, call_id: str) -> None:
        self.popup_closing.emit(call_id)
        self._unshown.pop(call_id, None)
        popup = self.popups.pop(call_id, None)
        if popup is not None:
            self.recorder.mark_sections(call_id, [s.value for s in popup.opened_sections()])
            dispose_later(popup)

    def reset_missed(self) -> None:
        """The agent looked at the missed calls."""
        self.missed = 0
        self.missed_changed.emit(0)

    # --- whose call it is ---------------------------------------------------------------------

    def _customer_picked(self, call_id: str, customer_id: int) -> None:
        """The agent told who is calling from the number's pick list."""
        popup = self.popups.get(call_id)
        result = popup.result if popup is not None else None
        record = next((m for m in result.matches if m.customer.id == customer_id),
                      None) if result is not None else None
        if record is not None:
            self.set_call_customer(call_id, customer_id, record.customer.name)

    def set_call_customer(self, call_id: str, customer_id: int, name: str) -> None:
        if self.recorder.set_customer(call_id, customer_id, name):
            self.recorder.refresh()   # the call may have ended (and been listed) already
        self.call_customer_set.emit(call_id, customer_id, name)

    def _identify_callee(self, call_id: str, number: str) -> None:
        """An outgoing call's customer (or a missed call's whose lookup had not finished), when
        IXC knows the number as exactly one customer's (the phone index, then one customer
        read): shown in the history like an incoming one."""
        ixc = self.ixc()
        if ixc is None or normalize_br_number(number).kind not in (NumberKind.BRAZIL,
                                                                   NumberKind.INTERNATIONAL):
            return

        async def run() -> None:
            try:
                matches = await ixc.search(number)
            except Exception as exc:     # the call goes on; the row just has no customer
                log.info("callee %s not identified: %s", call_id,
                         getattr(exc, "message", "") or exc)
                return
            if len(matches) == 1:
                self.set_call_customer(call_id, matches[0].id, matches[0].name)

        self.spawn(run())

    # --- the agent's commands -----------------------------------------------------------------

    def start_engine(self, settings: Settings) -> None:
        self.watch_command(self.engine.start(settings), tr(_CONTEXT, "Iniciar o telefone"))

    def answer(self, call_id: str) -> None:
        self.watch_command(self.engine.answer(call_id), tr(_CONTEXT, "Atender"))

    def decline(self, call_id: str) -> None:
        self.watch_command(self.engine.decline(call_id), tr(_CONTEXT, "Recusar"))

    def hangup(self, call_id: str) -> None:
        self.watch_command(self.engine.hangup(call_id), tr(_CONTEXT, "Desligar"))

    def hold(self, call_id: str, on: bool) -> None:
        future = self.engine.hold(call_id) if on else self.engine.resume(call_id)
        self.watch_command(future, tr(_CONTEXT, "Espera"))

    def mute(self, call_id: str, on: bool) -> None:
        # One mute: the engine's per-call set_mute (adjustTxLevel(0) on that call's stream,
        # re-applied by the engine when hold/resume re-creates the media). HeadsetLink.muted
        # would silence the one shared headset port, i.e. every call at once, while the call
        # panel shows mute per call; and the engine's future reports a failure to the agent.
        call = self.calls.get(call_id)

        def done() -> None:
            if call is not None and call_id in self.calls:
                self.show_call(dataclasses.replace(self.calls[call_id], muted=on))

        self.watch_command(self.engine.set_mute(call_id, on), tr(_CONTEXT, "Mudo"), on_success=done)

    def dtmf(self, call_id: str, digits: str) -> None:
        self.watch_command(self.engine.send_dtmf(call_id, digits), tr(_CONTEXT, "Enviar tons"))
        if self.audio is not None:
            self.audio.play_dtmf(digits)   # the agent hears the keys, as on a desk phone

    def transfer(self, call_id: str, target: str) -> None:
        self.watch_command(self.engine.blind_transfer(call_id, target), tr(_CONTEXT, "Transferir"))

    def consult(self, call_id: str, target: str, label: str = "") -> None:
        """Attended transfer, first step: hold the customer and call ``target``."""
        self.consultations.start(call_id, target, label)

    def complete_transfer(self, call_id: str) -> None:
        self.consultations.complete(call_id)

    def cancel_consultation(self, call_id: str) -> None:
        self.consultations.cancel(call_id)

    def transfer_from_forward(self, call_id: str, target: str, mode: str) -> None:
        """The "Encaminhar" dialog's transfer: blind at once, or attended (a consultation with
        the sector whose ``transfer_to`` is ``target``, completed by the agent)."""
        if call_id not in self.calls:
            self.notice.emit(tr(_CONTEXT, "A ligação já terminou: não há o que transferir."))
            return
        if mode == "attended":
            sector = next((s.name for s in self.settings().sectors if s.transfer_to == target),
                          target)
            self.consult(call_id, target, sector)
            return
        self.transfer(call_id, target)

    def dial(self, number: str) -> None:
        self.window.tabs.setCurrentIndex(0)
        what = tr(_CONTEXT, "Ligar")

        def done(future: Future[Any]) -> None:
            exc = future.exception()
            if exc is not None:   # never placed: no engine event will follow, so say it here
                self.invoker.post(lambda: self._dial_failed(number, f"{what}: {exc}"))

        self.engine.call(number).add_done_callback(done)

    def _dial_failed(self, number: str, message: str) -> None:
        self.notice.emit(message)
        self.recorder.record_failed_dial(number, message)
        self.recorder.refresh()

    # keyboard shortcuts and the dial pad's keys: the call they mean

    def keypad(self, key: str) -> None:
        connected = [c for c in self.calls.values() if c.phase is CallPhase.CONNECTED]
        if connected:
            self.dtmf(connected[-1].call_id, key)

    def answer_ringing(self) -> None:
        ringing = [c for c in self.calls.values() if c.incoming and c.phase is CallPhase.RINGING]
        if ringing:
            self.answer(ringing[0].call_id)

    def decline_ringing(self) -> None:
        ringing = [c for c in self.calls.values() if c.incoming and c.phase is CallPhase.RINGING]
        if ringing:
            self.decline(ringing[0].call_id)

    def hangup_current(self) -> None:
        live = [c for c in self.calls.values()
                if c.phase in (CallPhase.CONNECTED, CallPhase.DIALING) and not c.held]
        if live:
            self.hangup(live[-1].call_id)

    def watch_command(self, future: Future[Any], what: str,
               on_success: Callable[[], None] | None = None) -> None:
        """Report a failed engine command to the agent (on the GUI thread)."""

        def done(f: Future[Any]) -> None:
            exc = f.exception()
            if exc is None:
                if on_success is not None:
                    self.invoker.post(on_success)
                return
            message = f"{what}: {exc}"
            self.invoker.post(lambda: self.notice.emit(message))

        future.add_done_callback(done)

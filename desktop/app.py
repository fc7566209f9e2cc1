"""Composition root: builds the services, wires engine events to the UI and UI commands back.

Data flows one way. The SIP engine posts events on its own thread; :class:`RamalApp` moves each
onto the GUI thread (:mod:`desktop.ui.gui_thread`) and turns it into view values for the tray,
the main window and the ring popup, and into a lookup on the IXC service (asyncio on qasync),
whose progressive results fill the popup's card. The agent's clicks come back as Qt signals and
become engine commands (futures), history writes and lookups.

After a call the agent logs it as an attendance or forwards the case (docs/attendance-ui.md):
:class:`~desktop.attendance_controller.AttendanceController` opens those dialogs, runs
:class:`~desktop.forward.attendance.AttendanceService` on the loop and follows the outbox
worker's notifications; the app enables the popup's buttons once the call was answered, opens the
log dialog by itself when an answered call ends, and shows the outbox in the "Envios" tab.

Around it: :mod:`desktop.services` builds what the desk talks to (engine factory, IXC, store,
outbox), :mod:`desktop.startup` runs the process (``ramal gui``/``demo``: names, single
instance, event loop, signals), :mod:`desktop.call_history_recorder` writes each call to the
history and lists it, :mod:`desktop.customer_search` runs the popup's and the "Clientes" tab's
manual search, :mod:`desktop.support_actions` exports diagnostics and shows "Sobre".

Start-up: settings → translator → database (one, shared by history, attendances and outbox) →
IXC service → outbox worker → windows → engine. Shut-down, the reverse: dialogs' pending commands
awaited, popups closed, lookups cancelled, engine shut down (hang up, unregister), outbox worker
stopped, HTTP clients (OPA, Discord, IXC) closed, database closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import re
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from desktop.audio.desk_audio import DeskAudio
from desktop.autostart import Autostart
from desktop.call_history_recorder import CallHistoryRecorder
from desktop.config import (
    Settings,
    default_config_path,
)
from desktop.customer_search import CustomerSearch
from desktop.i18n import tr
from desktop.ixc.models import CustomerRecord, LookupResult
from desktop.phone import NumberKind, normalize_br_number
from desktop.services import (  # re-exported: tests, the demo and the harness import them here
    Engine,
    EngineFactory,
    Lookup,
    Services,
    build_services,
    engine_factory_for,
    sip_engine_factory,
)
from desktop.settings_file import KeyringSecretStore, SecretStore
from desktop.settings_flow import SettingsFlow
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
from desktop.startup import configure_application, run_app, run_gui
from desktop.support_actions import SupportActions
from desktop.ui.formatting import notification_text
from desktop.ui.gui_thread import install_invoker
from desktop.ui.main_window import MainWindow
from desktop.ui.outbox_view import OutboxView
from desktop.ui.ring_popup import RingPopup
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.tray import RamalTray
from desktop.ui.view_models import (
    CallerKind,
    CallPhase,
    CallView,
    HistoryEntry,
    HistoryFilter,
    LineState,
)

__all__ = ["Engine", "EngineFactory", "Lookup", "RamalApp", "Services", "build_services",
           "configure_application", "engine_factory_for", "run_app", "run_gui",
           "sip_engine_factory"]

log = logging.getLogger(__name__)
_CONTEXT = "app"

# IXC's web UI opens a customer's form at this path (assumption: not documented by IXC Soft;
# verify against a real tenant and adjust here).
IXC_CUSTOMER_PATH = "/app/cliente/{id}"

_REGISTRATION_STATES = {
    "unregistered": LineState.OFFLINE,
    "registering": LineState.REGISTERING,
    "registered": LineState.REGISTERED,
    "failed": LineState.FAILED,
}


def ixc_customer_url(base: str, customer_id: int) -> str:
    return base.rstrip("/") + IXC_CUSTOMER_PATH.format(id=customer_id)


def caller_kind(event: IncomingCall) -> CallerKind:
    if event.anonymous or not event.number:
        return CallerKind.ANONYMOUS
    if event.internal:
        return CallerKind.INTERNAL
    return CallerKind.EXTERNAL


class RamalApp(QObject):
    """The running desk: one per process. Signals are for tests and the benchmark."""

    popup_shown = Signal(str, float)        # call id, time.time() when shown
    card_completed = Signal(str, float)     # call id, time.time() when the last section landed
    call_ended = Signal(str, str)           # call id, outcome

    def __init__(self, settings: Settings, engine_factory: EngineFactory, *,
                 ixc: Lookup | None = None, history: Any = None,
                 secret_store: SecretStore | None = None,
                 config_path: Path | None = None, services: Services | None = None,
                 audio: DeskAudio | None = None, autostart: Autostart | None = None,
                 log_dir: Path | None = None) -> None:
        super().__init__()
        if services is not None:
            ixc, history = services.ixc, services.history
        self.ixc = ixc
        self.history = history            # desktop.store.history.CallHistory, or None
        self.services = services
        self.invoker = install_invoker()
        self.calls: dict[str, CallView] = {}
        self.popups: dict[str, RingPopup] = {}
        self.lookups: dict[str, asyncio.Task[None]] = {}
        self.invite_times: dict[str, float] = {}         # call id → INVITE reached the engine
        self.dnd = False
        self.missed = 0
        self.quitting = False
        self._background: set[asyncio.Task[Any]] = set()
        # ringtone + headset (desktop/audio/desk_audio.py); None = silent (tests, no devices)
        self.audio = audio
        if audio is not None and audio.headset is not None:
            audio.headset.deviceFallback.connect(self._device_fallback)

        self.tray = RamalTray(self)
        self.window = MainWindow()
        # the "Configurações" dialog: save (TOML + keyring), "Testar conexão", restart notice
        self.settings_flow = SettingsFlow(
            settings, self.window, secret_store or KeyringSecretStore(),
            config_path or settings.source or default_config_path(), self._spawn,
            autostart=autostart, parent=self)
        self.settings_flow.settings_changed.connect(self._apply_settings)
        self.settings_flow.notice.connect(self._notice)
        self.customer_search = CustomerSearch(lambda: self.ixc, self.window, self.popups,
                                              self._set_call_customer, lambda: self.quitting)
        self.recorder = CallHistoryRecorder(history, self.window.history,
                                            lambda: self.settings.sip.extension)
        self.window.keep_in_tray = RamalTray.available()
        self.window.set_sectors(settings.sectors)
        self.attendance: Any = None       # AttendanceController, when the services have it
        self.outbox_view: OutboxView | None = None
        self.log_dialogs: dict[str, Any] = {}   # SIP call id → its open AttendanceDialog
        self.not_logged = 0
        # Ramal → Exportar diagnóstico… / Sobre o Ramal (log_dir: where the logs are, for tests)
        self.support = SupportActions(self.window, lambda: self.settings, self._spawn,
                                      log_dir=log_dir, parent=self)
        self._connect_ui()
        self.engine = engine_factory(self._on_engine_event)
        self._build_attendance()

    # --- start / stop -------------------------------------------------------------------------

    def start(self, show_window: bool = True) -> None:
        self.tray.show()
        if show_window or not RamalTray.available():
            self.window.show()
        self.window.search.set_available(self.ixc is not None, self._no_search_reason())
        self.refresh_history()
        if self.services is not None and self.services.worker is not None:
            self._spawn(self.services.worker.start())
        if self.attendance is not None:
            self._spawn(self.attendance.refresh_caches())   # IXC subjects + ticket sectors
        warm_up = getattr(self.ixc, "warm_up", None)
        if warm_up is not None:
            # reference tables + phone index, in the background: without them every ringing
            # call searched IXC live (two request waves) and loaded the labels on its own path
            self._spawn(self._warm_up_ixc(warm_up))
        if self.settings.sip.server and self.settings.sip.extension:
            self._set_line(LineState.REGISTERING)
            self._watch(self.engine.start(self.settings), tr(_CONTEXT, "Iniciar o telefone"))
        else:
            self._set_line(LineState.OFFLINE, tr(_CONTEXT, "configure o ramal"))

    async def _warm_up_ixc(self, warm_up: Callable[[], Awaitable[None]]) -> None:
        try:
            await warm_up()
        except asyncio.CancelledError:
            raise
        except Exception as exc:   # lookups still work, searched live; the next start retries
            log.warning("IXC warm-up failed: %s", getattr(exc, "message", "") or exc)

    def shutdown(self) -> None:
        if self.quitting:
            return
        self.quitting = True
        for dialog in list(self.attendance.dialogs) if self.attendance is not None else []:
            dialog.close()
        for popup in list(self.popups.values()):
            popup.close()
        self.support.close()
        for task in (list(self.lookups.values()) + list(self.searches.values())
                     + list(self._background)):
            task.cancel()
        if self.audio is not None:
            self.audio.close()
        self.engine.shutdown(timeout=2.0)
        self.tray.hide()
        self.window.keep_in_tray = False
        self.window.close()

    async def finish_commands(self, timeout_s: float = 3.0) -> None:
        """Let a "Registrar"/"Encaminhar" the agent just pressed reach the database."""
        if self.attendance is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.attendance.wait_idle(), timeout_s)

    def quit(self) -> None:
        self.shutdown()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    # --- wiring -------------------------------------------------------------------------------

    def _connect_ui(self) -> None:
        w = self.window
        self.tray.open_requested.connect(w.bring_to_front)
        self.tray.missed_clicked.connect(self._show_missed)
        self.tray.not_logged_clicked.connect(self._show_not_logged)
        self.tray.quit_requested.connect(self.quit)
        self.tray.dnd_toggled.connect(self.set_dnd)
        w.quit_requested.connect(self.quit)
        w.dnd_toggled.connect(self.set_dnd)
        w.settings_requested.connect(self.open_settings)
        w.diagnostics_requested.connect(self.support.export)
        w.about_requested.connect(self.support.show_about)
        w.dial_pad.dial_requested.connect(self.dial)
        w.dial_pad.key_pressed.connect(self._keypad)
        w.calls.answer_requested.connect(self.answer)
        w.calls.decline_requested.connect(self.decline)
        w.calls.hangup_requested.connect(self.hangup)
        w.calls.hold_requested.connect(self.hold)
        w.calls.mute_requested.connect(self.mute)
        w.calls.dtmf_requested.connect(self.dtmf)
        w.calls.transfer_requested.connect(self.transfer)
        w.history.filter_changed.connect(lambda _f: self.refresh_history())
        w.history.call_back_requested.connect(self.dial)
        w.history.log_requested.connect(self.open_log_for_history)
        w.history.forward_requested.connect(self.open_forward_for_history)
        w.card.open_in_ixc_requested.connect(self.open_in_ixc)
        w.search.search_requested.connect(lambda text: self.search_customers("window", text))
        w.search.customer_chosen.connect(lambda cid: self.choose_customer("window", cid))
        w.answer_shortcut.connect(self._answer_ringing)
        w.decline_shortcut.connect(self._decline_ringing)
        w.hangup_shortcut.connect(self._hangup_current)

    def _on_engine_event(self, event: SipEvent) -> None:
        """Engine thread: hand the event to the GUI thread and return at once."""
        self.invoker.post(lambda: self.handle_event(event))

    def handle_event(self, event: SipEvent) -> None:
        if self.quitting:
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
            self._set_line(_REGISTRATION_STATES.get(event.state, LineState.OFFLINE), detail)
        elif isinstance(event, IncomingCall):
            self._incoming(event)
        elif isinstance(event, OutgoingCallStarted):
            self._update(CallView(event.call_id, event.number, incoming=False,
                                  phase=CallPhase.DIALING))
            self.recorder.record_start(event.call_id, event.number, inbound=False)
            self.refresh_history()      # listed at once, "Em andamento"
            self._identify_callee(event.call_id, event.number)
        elif isinstance(event, CallStateChanged):
            self._state_changed(event)
        elif isinstance(event, CallEnded):
            self._ended(event)
        elif isinstance(event, TransferResult):
            text = (tr(_CONTEXT, "Transferência para {target} concluída.") if event.success else
                    tr(_CONTEXT, "A transferência para {target} falhou: {code} {reason}"))
            self._notice(text.format(target=_sip_user(event.target), code=event.code,
                                     reason=event.reason))
        elif isinstance(event, EngineError):
            self._notice(event.message)

    # --- calls --------------------------------------------------------------------------------

    def _incoming(self, event: IncomingCall) -> None:
        self.invite_times[event.call_id] = event.received_at or time.time()
        call = CallView(event.call_id, event.number, event.display_name, incoming=True,
                        phase=CallPhase.RINGING, kind=caller_kind(event))
        self.recorder.record_start(event.call_id, event.number, inbound=True)
        if self.dnd:
            self._watch(self.engine.decline(event.call_id), tr(_CONTEXT, "Recusar"))
            return
        self._update(call)
        if self.settings.ui.popup_on_ring:
            popup = RingPopup(call, self.settings.sectors)
            popup.answer_requested.connect(self.answer)
            popup.decline_requested.connect(self.decline)
            popup.hangup_requested.connect(self.hangup)
            popup.transfer_requested.connect(self.transfer)
            popup.open_in_ixc_requested.connect(self.open_in_ixc)
            popup.dismissed.connect(self._popup_dismissed)
            popup.search_requested.connect(self.search_customers)
            popup.customer_chosen.connect(self.choose_customer)
            popup.customer_picked.connect(self._customer_picked)
            self._wire_attendance_buttons(popup, event.call_id)
            popup.set_search_available(self.ixc is not None, self._no_search_reason())
            self.popups[event.call_id] = popup
            popup.pop_up(len(self.popups) - 1)
            self.popup_shown.emit(event.call_id, time.time())
        else:
            self.tray.notify_incoming(notification_text(event.display_name), event.number)
        if call.kind is CallerKind.EXTERNAL:
            self._start_lookup(event.call_id, event.number)

    def _start_lookup(self, call_id: str, number: str) -> None:
        popup = self.popups.get(call_id)
        if self.ixc is None:
            if popup is not None:
                popup.show_lookup_error(tr(_CONTEXT, "IXC não configurado"))
            return
        records: dict[int, CustomerRecord] = {}
        render_soon: asyncio.Handle | None = None

        def render() -> None:
            nonlocal render_soon
            render_soon = None
            target = self.popups.get(call_id)
            if target is not None and records:
                target.show_lookup(LookupResult(number, tuple(records.values())), False)

        def on_update(record: CustomerRecord) -> None:
            # sections answering together render once: one card update per loop turn
            nonlocal render_soon
            records[record.customer.id] = record
            if render_soon is None:
                render_soon = asyncio.get_running_loop().call_soon(render)

        async def run() -> None:
            assert self.ixc is not None
            try:
                result = await self.ixc.lookup(number, on_update=on_update)
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
                if render_soon is not None:   # the final result below supersedes it
                    render_soon.cancel()
            target = self.popups.get(call_id)
            if target is not None:
                target.show_lookup(result, True)
            self.card_completed.emit(call_id, time.time())
            # the call's customer in the history: the only match, or the one the agent already
            # picked from the list; with several and no choice yet, the pick sets it
            chosen = target.chosen_id if target is not None else None
            best = next((m.customer for m in result.matches if m.customer.id == chosen), None)
            if best is None and len(result.matches) == 1:
                best = result.matches[0].customer
            if best is not None and not (target is not None and target.manual):
                self._set_call_customer(call_id, best.id, best.name)

        self.lookups[call_id] = asyncio.ensure_future(run())

    def _state_changed(self, event: CallStateChanged) -> None:
        call = self.calls.get(event.call_id)
        if call is None:
            return
        state = event.state
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
                self.recorder.record_answer(event.call_id)
        self._update(call)

    def _ended(self, event: CallEnded) -> None:
        call = self.calls.pop(event.call_id, None)
        self.window.calls.remove(event.call_id)
        task = self.lookups.pop(event.call_id, None)
        popup = self.popups.get(event.call_id)
        if call is not None and call.incoming and event.outcome == "missed":
            self.missed += 1
            self.tray.set_missed(self.missed)
            self.tray.notify_missed(notification_text(call.display_name), call.number)
        # the call was popped above: what the in-memory list gets is the popup's view of it
        self.recorder.record_end(
            event, call or (popup.call if popup is not None else None),
            [s.value for s in popup.opened_sections()] if popup is not None else [])
        if popup is not None:
            if event.outcome == "completed" and call is not None:
                popup.update_call(dataclasses.replace(call, phase=CallPhase.ENDED))
            else:  # never talked: nothing left to do with the card
                if task is not None:
                    task.cancel()
                popup.close()
        self.call_ended.emit(event.call_id, event.outcome)
        self.refresh_history()
        if event.outcome == "completed" and call is not None:
            self._log_after_call(event.call_id, popup)

    def _update(self, call: CallView) -> None:
        self.calls[call.call_id] = call
        self.window.calls.upsert(call)
        popup = self.popups.get(call.call_id)
        if popup is not None:
            popup.update_call(call)

    def _popup_dismissed(self, call_id: str) -> None:
        self.customer_search.cancel(call_id)
        popup = self.popups.pop(call_id, None)
        if popup is not None:
            self.recorder.mark_sections(call_id, [s.value for s in popup.opened_sections()])
            popup.deleteLater()

    # --- manual search: the popup's search box and the "Clientes" tab ------------------------

    def _no_search_reason(self) -> str:
        return "" if self.ixc is not None else tr(
            _CONTEXT, "IXC não configurado: preencha a URL e o token nas configurações.")

    @property
    def searches(self) -> dict[str, asyncio.Task[None]]:
        return self.customer_search.tasks

    def search_customers(self, where: str, text: str) -> None:
        """Search IXC; the results go to ``where``'s search box (desktop/customer_search.py)."""
        self.customer_search.search(where, text)

    def choose_customer(self, where: str, customer_id: int) -> None:
        self.customer_search.choose(where, customer_id)

    def _customer_picked(self, call_id: str, customer_id: int) -> None:
        """The agent told who is calling from the number's pick list."""
        popup = self.popups.get(call_id)
        result = popup.result if popup is not None else None
        record = next((m for m in result.matches if m.customer.id == customer_id),
                      None) if result is not None else None
        if record is not None:
            self._set_call_customer(call_id, customer_id, record.customer.name)

    def _set_call_customer(self, call_id: str, customer_id: int, name: str) -> None:
        if self.recorder.set_customer(call_id, customer_id, name):
            self.refresh_history()   # the call may have ended (and been listed) already

    # --- commands from the UI -----------------------------------------------------------------

    def answer(self, call_id: str) -> None:
        self._watch(self.engine.answer(call_id), tr(_CONTEXT, "Atender"))

    def decline(self, call_id: str) -> None:
        self._watch(self.engine.decline(call_id), tr(_CONTEXT, "Recusar"))

    def hangup(self, call_id: str) -> None:
        self._watch(self.engine.hangup(call_id), tr(_CONTEXT, "Desligar"))

    def hold(self, call_id: str, on: bool) -> None:
        future = self.engine.hold(call_id) if on else self.engine.resume(call_id)
        self._watch(future, tr(_CONTEXT, "Espera"))

    def mute(self, call_id: str, on: bool) -> None:
        # One mute: the engine's per-call set_mute (adjustTxLevel(0) on that call's stream,
        # re-applied by the engine when hold/resume re-creates the media). HeadsetLink.muted
        # would silence the one shared headset port, i.e. every call at once, while the call
        # panel shows mute per call; and the engine's future reports a failure to the agent.
        call = self.calls.get(call_id)

        def done() -> None:
            if call is not None and call_id in self.calls:
                self._update(dataclasses.replace(self.calls[call_id], muted=on))

        self._watch(self.engine.set_mute(call_id, on), tr(_CONTEXT, "Mudo"), on_success=done)

    def dtmf(self, call_id: str, digits: str) -> None:
        self._watch(self.engine.send_dtmf(call_id, digits), tr(_CONTEXT, "Enviar tons"))
        if self.audio is not None:
            self.audio.play_dtmf(digits)   # the agent hears the keys, as on a desk phone

    def transfer(self, call_id: str, target: str) -> None:
        self._watch(self.engine.blind_transfer(call_id, target), tr(_CONTEXT, "Transferir"))

    def _transfer_from_forward(self, call_id: str, target: str, mode: str) -> None:
        """The "Encaminhar" dialog's transfer. Attended is never offered (the app has no
        consultation-call flow yet, see _build_attendance), so every mode goes blind."""
        if call_id not in self.calls:
            self._notice(tr(_CONTEXT, "A ligação já terminou: não há o que transferir."))
            return
        if mode != "blind":
            log.warning("transfer mode %s requested; doing a blind transfer", mode)
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
        self._notice(message)
        self.recorder.record_failed_dial(number, message)
        self.refresh_history()

    def _identify_callee(self, call_id: str, number: str) -> None:
        """An outgoing call's customer, when IXC knows the number as exactly one customer's
        (the phone index, then one customer read): shown in the history like an incoming one."""
        if self.ixc is None or normalize_br_number(number).kind is not NumberKind.BRAZIL:
            return
        ixc = self.ixc

        async def run() -> None:
            try:
                matches = await ixc.search(number)
            except Exception as exc:     # the call goes on; the row just has no customer
                log.info("callee %s not identified: %s", call_id,
                         getattr(exc, "message", "") or exc)
                return
            if len(matches) == 1:
                self._set_call_customer(call_id, matches[0].id, matches[0].name)

        self._spawn(run())

    def set_dnd(self, on: bool) -> None:
        self.dnd = on
        self.tray.set_dnd(on)
        self.window.set_dnd(on)
        if self.audio is not None:
            self.audio.set_dnd(on)

    def open_in_ixc(self, customer_id: int) -> None:
        if self.settings.ixc.url:
            QDesktopServices.openUrl(QUrl(ixc_customer_url(self.settings.ixc.url, customer_id)))

    def _keypad(self, key: str) -> None:
        connected = [c for c in self.calls.values() if c.phase is CallPhase.CONNECTED]
        if connected:
            self.dtmf(connected[-1].call_id, key)

    def _answer_ringing(self) -> None:
        ringing = [c for c in self.calls.values() if c.incoming and c.phase is CallPhase.RINGING]
        if ringing:
            self.answer(ringing[0].call_id)

    def _decline_ringing(self) -> None:
        ringing = [c for c in self.calls.values() if c.incoming and c.phase is CallPhase.RINGING]
        if ringing:
            self.decline(ringing[0].call_id)

    def _hangup_current(self) -> None:
        live = [c for c in self.calls.values()
                if c.phase in (CallPhase.CONNECTED, CallPhase.DIALING) and not c.held]
        if live:
            self.hangup(live[-1].call_id)

    def _show_not_logged(self) -> None:
        self.window.history.filter_buttons[HistoryFilter.NOT_LOGGED].setChecked(True)
        self.window.tabs.setCurrentIndex(1)
        self.window.bring_to_front()

    def _show_missed(self) -> None:
        self.missed = 0
        self.tray.set_missed(0)
        self.window.history.filter_buttons[HistoryFilter.MISSED].setChecked(True)
        self.window.tabs.setCurrentIndex(1)
        self.window.bring_to_front()

    # --- attendance: log in IXC, forward to a sector -----------------------------------------

    def _build_attendance(self) -> None:
        services = self.services
        if services is None or services.attendance is None or self.history is None:
            return
        from desktop.attendance_controller import AttendanceController

        # attended transfer needs a consultation call the agent completes by hand; the engine
        # can replace calls (attended_transfer) but the desk has no such flow yet: blind only
        self.attendance = AttendanceController(
            services.attendance, self.history, services.outbox, self.settings,
            worker=services.worker, attended_transfer_available=False, parent=self)
        self.attendance.transfer_requested.connect(self._transfer_from_forward)
        self.attendance.history_changed.connect(self.refresh_history)
        self.attendance.not_logged_changed.connect(self._set_not_logged)
        self.recorder.on_not_logged = self._set_not_logged
        self.outbox_view = OutboxView()
        self.window.tabs.addTab(self.outbox_view, tr(_CONTEXT, "Envios"))
        self.attendance.attach_outbox_view(self.outbox_view)

    def _wire_attendance_buttons(self, popup: RingPopup, call_id: str) -> None:
        popup.set_attendance_available(self.attendance is not None)
        if self.attendance is None:
            return
        popup.log_button.clicked.connect(lambda: self.open_log_for_call(call_id))
        popup.forward_button.clicked.connect(lambda: self.open_forward_for_call(call_id))

    def _card_of(self, call_id: str) -> tuple[CustomerRecord | None, list[str]]:
        popup = self.popups.get(call_id)
        if popup is None:
            return None, []
        return popup.card.record, [s.value for s in popup.opened_sections()]

    def open_log_for_call(self, call_id: str) -> Any:
        """The log dialog for a call of this session (one per call: raised if already open)."""
        if self.attendance is None:
            return None
        dialog = self.log_dialogs.get(call_id)
        if dialog is not None and dialog in self.attendance.dialogs:
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        record, sections = self._card_of(call_id)
        live = call_id if call_id in self.calls else ""
        dialog = self.attendance.open_log_dialog(
            self.history_ids.get(call_id), record, sections=sections, live_call_id=live,
            parent=self.window)
        self.log_dialogs[call_id] = dialog
        dialog.finished.connect(lambda _code: self.log_dialogs.pop(call_id, None))
        return dialog

    def open_forward_for_call(self, call_id: str) -> Any:
        if self.attendance is None:
            return None
        record, sections = self._card_of(call_id)
        live = call_id if call_id in self.calls else ""
        return self.attendance.open_forward_dialog(
            self.history_ids.get(call_id), record, sections=sections, live_call_id=live,
            parent=self.window)

    def open_log_for_history(self, history_id: int) -> Any:
        if self.attendance is None:
            return None
        return self.attendance.open_log_dialog(history_id, None, parent=self.window)

    def open_forward_for_history(self, history_id: int) -> Any:
        if self.attendance is None:
            return None
        return self.attendance.open_forward_dialog(history_id, None, parent=self.window)

    def _log_after_call(self, call_id: str, popup: RingPopup | None) -> None:
        """An answered call ended: ask for its attendance at once. The agent may close the
        dialog; the call then stays "sem registro" in the history and the tray's count."""
        if self.attendance is None or call_id not in self.history_ids:
            return
        dialog = self.log_dialogs.get(call_id)
        if dialog is not None and dialog in self.attendance.dialogs:
            return       # the agent opened it during the call; it reads the history on submit
        self.open_log_for_call(call_id)

    def _set_not_logged(self, count: int) -> None:
        self.not_logged = count
        self.tray.set_not_logged(count)

    # --- history (desktop/call_history_recorder.py) -------------------------------------------

    @property
    def history_ids(self) -> dict[str, int]:
        return self.recorder.ids

    @property
    def session_history(self) -> list[HistoryEntry]:
        return self.recorder.session

    def refresh_history(self) -> None:
        self.recorder.refresh()

    # --- settings (desktop/settings_flow.py) ---------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self.settings_flow.settings

    @property
    def settings_dialog(self) -> SettingsDialog | None:
        return self.settings_flow.dialog

    @property
    def autostart(self) -> Autostart | None:
        return self.settings_flow.autostart

    @autostart.setter
    def autostart(self, autostart: Autostart | None) -> None:
        self.settings_flow.autostart = autostart

    @property
    def config_path(self) -> Path:
        return self.settings_flow.config_path

    def open_settings(self) -> None:
        self.settings_flow.open()

    def _apply_settings(self, old: Settings, new: Settings) -> None:
        """Saved: what applies at once (sectors, audio); the rest needs a restart."""
        self.window.set_sectors(new.sectors)
        for popup in self.popups.values():
            popup.set_sectors(new.sectors)
        if self.audio is not None and old.audio != new.audio:
            # ringer and volumes at once; new devices from the next call (or now, reopened,
            # during one); softphone ↔ companion is a [sip] change: restart
            self.audio.apply(new)

    def _device_fallback(self, kind: str, lost: str, now_using: str) -> None:
        """HeadsetAudio lost (or never found) the chosen device; the call goes on."""
        if kind == "output":
            text = (tr(_CONTEXT, "O fone \"{lost}\" não está disponível: o áudio da ligação "
                                 "está em \"{now}\".") if now_using else
                    tr(_CONTEXT, "O fone \"{lost}\" não está disponível e não há outro "
                                 "dispositivo de som: você não ouve a ligação."))
        else:
            text = (tr(_CONTEXT, "O microfone \"{lost}\" não está disponível: usando "
                                 "\"{now}\".") if now_using else
                    tr(_CONTEXT, "O microfone \"{lost}\" não está disponível e não há outro: "
                                 "o cliente não ouve você."))
        self._notice(text.format(lost=lost, now=now_using))

    # --- helpers ------------------------------------------------------------------------------

    def _spawn(self, coro: Any) -> None:
        task: asyncio.Task[Any] = asyncio.ensure_future(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _set_line(self, state: LineState, detail: str = "") -> None:
        self.tray.set_line_state(state, detail)
        self.window.set_line_state(state, detail)

    def _notice(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10000)
        self.tray.icon.showMessage("Ramal", notification_text(text, 200))

    def _watch(self, future: Future[Any], what: str,
               on_success: Callable[[], None] | None = None) -> None:
        """Report a failed engine command to the agent (on the GUI thread)."""

        def done(f: Future[Any]) -> None:
            exc = f.exception()
            if exc is None:
                if on_success is not None:
                    self.invoker.post(on_success)
                return
            message = f"{what}: {exc}"
            self.invoker.post(lambda: self._notice(message))

        future.add_done_callback(done)


def _sip_user(target: str) -> str:
    """``sip:801@10.0.0.1:5060`` → ``801`` (what the agent chose); anything else as it is."""
    m = re.match(r"^<?sips?:([^@;>]+)@", target)
    return m.group(1) if m else target

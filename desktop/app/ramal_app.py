"""Composition root: builds the desk's parts, connects their signals, starts and stops them.

:class:`RamalApp` owns no call, dialog or search logic; it builds each part with what it needs
(constructor injection) and wires them together:

- :mod:`desktop.desk.call_desk`: engine events → call views, ring popups and progressive IXC
  lookups;
  the agent's call commands (answer, hold, mute, DTMF, transfer, dial) back to the engine,
  with :mod:`desktop.desk.consultation` for attended transfers (consult the sector, then complete);
- :mod:`desktop.desk.call_history_recorder`: each call into the history, the "Histórico" tab;
- :mod:`desktop.desk.customer_search`: the popup's and the "Clientes" tab's manual search;
- :mod:`desktop.desk.attendance_controller` (log/forward dialogs, the "Envios" tab) and
  :mod:`desktop.desk.attendance_prompts` (the popup's buttons, the log dialog after a call);
- :mod:`desktop.desk.settings_flow`: "Configurações" (save to TOML + keyring, connection tests);
- :mod:`desktop.desk.support_actions`: "Exportar diagnóstico…" and "Sobre o Ramal".

Around it, :mod:`desktop.app.services` builds what the desk talks to (engine factory, IXC, store,
outbox) and :mod:`desktop.app.startup` runs the process (``ramal gui``/``demo``: names, single
instance, event loop, signals). The parts talk through Qt signals; the desk keeps the tray and
the status bar (line state, notices, counts) and the names tests and the demo use.

Start-up: settings → translator → database (one, shared by history, attendances and outbox) →
IXC service → outbox worker → windows → engine. Shut-down, the reverse: dialogs' pending commands
awaited, popups closed, lookups cancelled, engine shut down (hang up, unregister), outbox worker
stopped, HTTP clients (OPA, Discord, IXC) closed, database closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from desktop.app.network_watch import NetworkWatch
from desktop.app.services import Services
from desktop.audio.desk_audio import DeskAudio
from desktop.desk.attendance_prompts import AttendancePrompts
from desktop.desk.call_desk import CallDesk
from desktop.desk.call_history_recorder import CallHistoryRecorder
from desktop.desk.customer_search import CustomerSearch
from desktop.desk.phone_attach_flow import PhoneAttachFlow
from desktop.desk.ports import Engine, EngineFactory, Lookup
from desktop.desk.settings_flow import SettingsFlow
from desktop.desk.support_actions import SupportActions
from desktop.i18n import tr
from desktop.settings.model import (
    Settings,
    default_config_path,
)
from desktop.settings.source import SettingsSource
from desktop.settings.toml_file import KeyringSecretStore, SecretStore
from desktop.sip.events import (
    SipEvent,
)
from desktop.system.autostart import Autostart
from desktop.ui.formatting import notification_text
from desktop.ui.gui_thread import install_invoker
from desktop.ui.main_window import MainWindow
from desktop.ui.outbox_view import OutboxView
from desktop.ui.ring_popup import RingPopup
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.tray import RamalTray
from desktop.ui.view_models import (
    CallView,
    HistoryEntry,
    HistoryFilter,
    LineState,
)

__all__ = ["RamalApp"]

log = logging.getLogger(__name__)
_CONTEXT = "app"

# IXC's web UI opens a customer's form at this path (assumption: not documented by IXC Soft;
# verify against a real tenant and adjust here).
IXC_CUSTOMER_PATH = "/app/cliente/{id}"


def ixc_customer_url(base: str, customer_id: int) -> str:
    return base.rstrip("/") + IXC_CUSTOMER_PATH.format(id=customer_id)


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
        self.quitting = False
        self._background: set[asyncio.Task[Any]] = set()
        # ringtone + headset (desktop/audio/desk_audio.py); None = silent (tests, no devices)
        self.audio = audio
        if audio is not None and audio.headset is not None:
            audio.headset.deviceFallback.connect(self._device_fallback)

        self.tray = RamalTray(self)
        self.window = MainWindow()
        # one settings value for the whole desk, the services' own when they were built with
        # one: saving in "Configurações" replaces it, and every part reads it at use time
        self.settings_source = (services.settings if services is not None
                                and services.settings is not None else SettingsSource(settings))
        self.restart_requested = False    # "Reiniciar agora": the start-up starts us again
        # the "Configurações" dialog: save (TOML + keyring), "Testar conexão", restart offer
        self.settings_flow = SettingsFlow(
            self.settings_source, self.window, secret_store or KeyringSecretStore(),
            config_path or settings.source or default_config_path(), self._spawn,
            autostart=autostart, parent=self)
        self.settings_flow.settings_changed.connect(self._apply_settings)
        self.settings_flow.notice.connect(self._notice)
        self.recorder = CallHistoryRecorder(history, self.window.history,
                                            lambda: self.settings.sip.extension)
        # a history write the database refused (disk full, read-only, locked), then recovered
        self.recorder.on_notice = self._notice
        # engine events → call views, ring popups, IXC lookups; the agent's call commands
        self.call_desk = CallDesk(engine_factory, self.window, self.recorder,
                                  lambda: self.settings, lambda: self.ixc, self.invoker,
                                  self._spawn, lambda: self.quitting, audio=audio, parent=self)
        # an unknown caller's number added to the customer found by hand (desk/phone_attach_flow)
        self.phone_attach = PhoneAttachFlow(lambda: self.ixc, self.call_desk.popups, self._spawn,
                                            lambda text: self._notice(text))
        self.customer_search = CustomerSearch(lambda: self.ixc, self.window, self.popups,
                                              self.call_desk.set_call_customer,
                                              lambda: self.quitting)
        self.window.keep_in_tray = RamalTray.available()
        self.window.set_sectors(settings.sectors)
        self.attendance: Any = None       # AttendanceController, when the services have it
        self.call_protocol: Any = None    # CallProtocol (desk/call_protocol.py), likewise
        self.callbacks: Any = None        # Callbacks (desk/callbacks.py): the "Retornar" tab
        self.outbox_view: OutboxView | None = None
        self.not_logged = 0
        self.network_watch: NetworkWatch | None = None   # from start(), when SIP is configured
        # Ramal → Exportar diagnóstico… / Sobre o Ramal (log_dir: where the logs are, for tests)
        self.support = SupportActions(self.window, lambda: self.settings, self._spawn,
                                      log_dir=log_dir, parent=self)
        self._build_attendance()
        # popup buttons, history actions, the log dialog opening by itself after a call
        self.attendance_prompts = AttendancePrompts(self.attendance, self.popups, self.calls,
                                                    self.history_ids, self.window)
        self._connect_ui()

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
        if self.call_protocol is not None:
            self.call_protocol.start()     # protocols left open by an earlier session
        if self.callbacks is not None:
            self.callbacks.refresh()
        warm_up = getattr(self.ixc, "warm_up", None)
        if warm_up is not None:
            # reference tables + phone index, in the background: without them every ringing
            # call searched IXC live (two request waves) and loaded the labels on its own path
            self._spawn(self._warm_up_ixc(warm_up))
        if self.settings.sip.server and self.settings.sip.extension:
            self._set_line(LineState.REGISTERING)
            self.call_desk.start_engine(self.settings)
            # Wi-Fi/VPN switch or resume: re-register now, not at the next refresh
            self.network_watch = NetworkWatch(self.network_changed, parent=self)
            self.network_watch.start()
        else:
            self._set_line(LineState.OFFLINE, tr(_CONTEXT, "configure o ramal"))
        if self.settings.warnings:    # unknown keys in the file: ignored (and logged), said once
            self._notice(" ".join(self.settings.warnings))

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
        if self.network_watch is not None:
            self.network_watch.stop()
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
        desk = self.call_desk
        w.dial_pad.dial_requested.connect(desk.dial)
        w.dial_pad.key_pressed.connect(desk.keypad)
        w.calls.answer_requested.connect(desk.answer)
        w.calls.decline_requested.connect(desk.decline)
        w.calls.hangup_requested.connect(desk.hangup)
        w.calls.hold_requested.connect(desk.hold)
        w.calls.mute_requested.connect(desk.mute)
        w.calls.dtmf_requested.connect(desk.dtmf)
        w.calls.transfer_requested.connect(desk.transfer)
        w.calls.consult_requested.connect(desk.consult)
        w.calls.complete_transfer_requested.connect(desk.complete_transfer)
        w.calls.cancel_consultation_requested.connect(desk.cancel_consultation)
        w.history.filter_changed.connect(lambda _f: self.refresh_history())
        w.history.call_back_requested.connect(desk.dial)
        w.history.log_requested.connect(self.attendance_prompts.open_log_for_history)
        w.history.forward_requested.connect(self.attendance_prompts.open_forward_for_history)
        w.card.open_in_ixc_requested.connect(self.open_in_ixc)
        w.search.search_requested.connect(lambda text: self.search_customers("window", text))
        w.search.customer_chosen.connect(lambda cid: self.choose_customer("window", cid))
        w.answer_shortcut.connect(desk.answer_ringing)
        w.decline_shortcut.connect(desk.decline_ringing)
        w.hangup_shortcut.connect(desk.hangup_current)
        # the call desk's news: the desk's own signals (tests, the benchmark), the line, notices,
        # the tray's counts and notifications, each popup's wiring, the attendance prompt
        desk.popup_shown.connect(self.popup_shown)
        desk.card_completed.connect(self.card_completed)
        desk.call_ended.connect(self.call_ended)
        desk.line_state_changed.connect(self._set_line)
        desk.notice.connect(self._notice)
        desk.missed_changed.connect(self.tray.set_missed)
        desk.missed_call.connect(self.tray.notify_missed)
        desk.incoming_without_popup.connect(self.tray.notify_incoming)
        desk.popup_opened.connect(self._popup_opened)
        desk.popup_closing.connect(self.customer_search.cancel)
        desk.answered_call_ended.connect(self.attendance_prompts.after_call)

    # --- calls (desktop/desk/call_desk.py): the names tests, the demo and the harness use ---------

    @property
    def engine(self) -> Engine:
        return self.call_desk.engine

    @property
    def calls(self) -> dict[str, CallView]:
        return self.call_desk.calls

    @property
    def popups(self) -> dict[str, RingPopup]:
        return self.call_desk.popups

    @property
    def lookups(self) -> dict[str, asyncio.Task[None]]:
        return self.call_desk.lookups

    @property
    def invite_times(self) -> dict[str, float]:
        return self.call_desk.invite_times

    @property
    def missed(self) -> int:
        return self.call_desk.missed

    @property
    def dnd(self) -> bool:
        return self.call_desk.dnd

    def handle_event(self, event: SipEvent) -> None:
        self.call_desk.handle_event(event)

    def answer(self, call_id: str) -> None:
        self.call_desk.answer(call_id)

    def decline(self, call_id: str) -> None:
        self.call_desk.decline(call_id)

    def hangup(self, call_id: str) -> None:
        self.call_desk.hangup(call_id)

    def hold(self, call_id: str, on: bool) -> None:
        self.call_desk.hold(call_id, on)

    def mute(self, call_id: str, on: bool) -> None:
        self.call_desk.mute(call_id, on)

    def dtmf(self, call_id: str, digits: str) -> None:
        self.call_desk.dtmf(call_id, digits)

    def transfer(self, call_id: str, target: str) -> None:
        self.call_desk.transfer(call_id, target)

    def dial(self, number: str) -> None:
        self.call_desk.dial(number)

    def _popup_opened(self, call_id: str, popup: RingPopup) -> None:
        """A ringing call's popup, before it shows: its search box, IXC link, attendance."""
        popup.open_in_ixc_requested.connect(self.open_in_ixc)
        popup.search_requested.connect(self.search_customers)
        popup.customer_chosen.connect(self.choose_customer)
        self.attendance_prompts.wire_popup(popup, call_id)
        self.phone_attach.wire_popup(popup)
        if self.call_protocol is not None:
            self.call_protocol.wire_popup(popup, call_id)
        popup.set_search_available(self.ixc is not None, self._no_search_reason())

    # --- manual search: the popup's search box and the "Clientes" tab ------------------------

    def _no_search_reason(self) -> str:
        return "" if self.ixc is not None else tr(
            _CONTEXT, "IXC não configurado: preencha a URL e o token nas configurações.")

    @property
    def searches(self) -> dict[str, asyncio.Task[None]]:
        return self.customer_search.tasks

    def search_customers(self, where: str, text: str) -> None:
        """Search IXC; the results go to ``where``'s search box (desk/customer_search.py)."""
        self.customer_search.search(where, text)

    def choose_customer(self, where: str, customer_id: int) -> None:
        self.customer_search.choose(where, customer_id)

    # --- desk-wide state -----------------------------------------------------------------------

    def set_dnd(self, on: bool) -> None:
        self.call_desk.dnd = on
        self.tray.set_dnd(on)
        self.window.set_dnd(on)
        if self.audio is not None:
            self.audio.set_dnd(on)

    def open_in_ixc(self, customer_id: int) -> None:
        if self.settings.ixc.url:
            QDesktopServices.openUrl(QUrl(ixc_customer_url(self.settings.ixc.url, customer_id)))

    def _show_not_logged(self) -> None:
        self.window.history.filter_buttons[HistoryFilter.NOT_LOGGED].setChecked(True)
        self.window.tabs.setCurrentIndex(1)
        self.window.bring_to_front()

    def _show_missed(self) -> None:
        self.call_desk.reset_missed()
        self.window.history.filter_buttons[HistoryFilter.MISSED].setChecked(True)
        self.window.tabs.setCurrentIndex(1)
        self.window.bring_to_front()

    # --- attendance: log in IXC, forward to a sector -----------------------------------------

    def _build_attendance(self) -> None:
        services = self.services
        if services is None or services.attendance is None or self.history is None:
            return
        from desktop.desk.attendance_controller import AttendanceController

        # attended: a consultation call the agent completes or cancels (desk/consultation.py)
        self.attendance = AttendanceController(
            services.attendance, self.history, services.outbox, self.settings_source,
            worker=services.worker, attended_transfer_available=True, parent=self)
        self.attendance.transfer_requested.connect(self.call_desk.transfer_from_forward)
        self.attendance.history_changed.connect(self.refresh_history)
        self.attendance.not_logged_changed.connect(self._set_not_logged)
        self.recorder.on_not_logged = self._set_not_logged
        from desktop.desk.call_protocol import CallProtocol

        # the call's IXC protocol during the call (issue 16)
        self.call_protocol = CallProtocol(services.attendance, lambda: self.settings,
                                          self.recorder.ids, self.call_desk.popups,
                                          worker=services.worker, parent=self)
        self.call_desk.call_answered.connect(self.call_protocol.call_answered)
        self.call_desk.call_customer_set.connect(self.call_protocol.customer_known)
        self.call_desk.call_ended.connect(lambda cid, _o: self.call_protocol.call_ended(cid))
        self.call_protocol.notice.connect(self._notice)
        from desktop.desk.callbacks import Callbacks
        from desktop.ui.callback_list import CallbackList

        # "Retornar": missed calls to call back, each callback linked to its missed call
        self.callback_list = CallbackList()
        self.window.tabs.addTab(self.callback_list, tr(_CONTEXT, "Retornar"))
        self.callbacks = Callbacks(self.history, self.recorder, self.callback_list,
                                   self.call_desk.dial, parent=self)
        self.call_desk.outgoing_started.connect(self.callbacks.outgoing_started)
        self.call_desk.call_ended.connect(lambda _cid, _o: self.callbacks.refresh())
        self.attendance.history_changed.connect(self.callbacks.refresh)
        self.outbox_view = OutboxView()
        self.window.tabs.addTab(self.outbox_view, tr(_CONTEXT, "Envios"))
        self.attendance.attach_outbox_view(self.outbox_view)

    @property
    def log_dialogs(self) -> dict[str, Any]:
        return self.attendance_prompts.log_dialogs

    def open_log_for_call(self, call_id: str) -> Any:
        return self.attendance_prompts.open_log_for_call(call_id)

    def open_forward_for_call(self, call_id: str) -> Any:
        return self.attendance_prompts.open_forward_for_call(call_id)

    def open_log_for_history(self, history_id: int) -> Any:
        return self.attendance_prompts.open_log_for_history(history_id)

    def open_forward_for_history(self, history_id: int) -> Any:
        return self.attendance_prompts.open_forward_for_history(history_id)

    def _set_not_logged(self, count: int) -> None:
        self.not_logged = count
        self.tray.set_not_logged(count)

    # --- history (desktop/desk/call_history_recorder.py) ------------------------------------------

    @property
    def history_ids(self) -> dict[str, int]:
        return self.recorder.ids

    @property
    def session_history(self) -> list[HistoryEntry]:
        return self.recorder.session

    def refresh_history(self) -> None:
        self.recorder.refresh()

    # --- settings (desktop/desk/settings_flow.py) -------------------------------------------------

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

    def request_restart(self) -> None:
        """Quit now; the start-up starts Ramal again once everything is closed."""
        self.restart_requested = True
        self.quit()

    def _apply_settings(self, old: Settings, new: Settings) -> None:
        """Saved: what applies at once (sectors, audio); the rest needs a restart."""
        self.window.set_sectors(new.sectors)
        for popup in self.popups.values():
            popup.set_sectors(new.sectors)
        if self.audio is not None and old.audio != new.audio:
            # ringer and volumes at once; new devices from the next call (or now, reopened,
            # during one); softphone ↔ companion is a [sip] change: restart
            self.audio.apply(new)

    def network_changed(self) -> None:
        """The PC changed network or woke up: the engine re-registers from the new address."""
        network_changed = getattr(self.engine, "network_changed", None)
        if network_changed is not None and not self.quitting:
            network_changed()

    def _device_fallback(self, kind: str, lost: str, now_using: str) -> None:
        """HeadsetAudio lost (or never found) the chosen device; the call goes on."""
        if not lost and not now_using:
            # no device of this kind at all (the null default device has no name)
            text = (tr(_CONTEXT, "Nenhum alto-falante encontrado: você não ouve a ligação.")
                    if kind == "output" else
                    tr(_CONTEXT, "Nenhum microfone encontrado: o cliente não ouve você."))
        elif kind == "output":
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

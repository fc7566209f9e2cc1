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
the status bar (:mod:`desktop.desk.status_presenter`: line state, notices, counts, DND).
Tests reach the controllers through ``tests/ui/desk_under_test.py``, a subclass that adds the
short names they use (``ramal.answer(...)``, ``ramal.popups``); production code calls the
controller that owns the behaviour.

Start-up: settings → translator → database (one, shared by history, attendances and outbox) →
IXC service → outbox worker → windows → engine. Shut-down, the reverse: dialogs' pending commands
awaited, popups closed, lookups cancelled, engine shut down (hang up, unregister), outbox worker
stopped, HTTP clients (OPA, Discord, IXC) closed, database closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
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
from desktop.desk.customer_actions import CustomerActions, order_choices
from desktop.desk.customer_search import CustomerSearch
from desktop.desk.lead_flow import LeadContactFlow
from desktop.desk.outage_desk import OutageDesk
from desktop.desk.performance_controller import PerformanceController
from desktop.desk.phone_attach_flow import PhoneAttachFlow
from desktop.desk.ports import EngineFactory, Lookup
from desktop.desk.queue_login_controller import QueueLoginController
from desktop.desk.recordings_controller import RecordingsController
from desktop.desk.settings_flow import SettingsFlow
from desktop.desk.status_presenter import StatusPresenter
from desktop.desk.supervisor_controller import SupervisorController
from desktop.desk.support_actions import SupportActions
from desktop.desk.threecx_link import ThreecxLink
from desktop.desk.whatsapp_send import WhatsAppSend
from desktop.i18n import tr
from desktop.performance.desk_figures import FiguresSource
from desktop.settings.model import (
    Settings,
    default_config_path,
)
from desktop.settings.source import SettingsSource
from desktop.settings.toml_file import KeyringSecretStore, SecretStore
from desktop.system.autostart import Autostart
from desktop.system.background import BackgroundTasks
from desktop.threecx.queue_login import QueueState
from desktop.ui.gui_thread import install_invoker
from desktop.ui.main_window import MainWindow
from desktop.ui.outbox_view import OutboxView
from desktop.ui.ring_popup import RingPopup
from desktop.ui.supervisor_view import SupervisorView
from desktop.ui.tray import RamalTray
from desktop.ui.view_models import LineState

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
        self.background = BackgroundTasks(log, "desk background work")
        # ringtone + headset (desktop/audio/desk_audio.py); None = silent (tests, no devices)
        self.audio = audio

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
            config_path or settings.source or default_config_path(), self.background.spawn,
            autostart=autostart, parent=self)
        self.recorder = CallHistoryRecorder(history, self.window.history,
                                            lambda: self.settings_source().sip.extension)
        # engine events → call views, ring popups, IXC lookups; the agent's call commands
        self.call_desk = CallDesk(engine_factory, self.window, self.recorder,
                                  self.settings_source, lambda: self.ixc, self.invoker,
                                  self.background.spawn, lambda: self.quitting, audio=audio,
                                  parent=self)
        # the line, notices, the tray's counts, do-not-disturb
        self.status = StatusPresenter(self.tray, self.window, self.call_desk, audio, parent=self)
        # an unknown caller's number added to the customer found by hand (desk/phone_attach_flow)
        self.phone_attach = PhoneAttachFlow(lambda: self.ixc, self.call_desk.popups,
                                            self.background.spawn, self.status.notice)
        # an unknown caller registered as an IXC lead or an OPA contact, per config
        # (desk/lead_flow)
        self.lead_contacts = LeadContactFlow(self.settings_source, self.call_desk.popups,
                                             self.background.spawn, self.status.notice,
                                             ixc=lambda: getattr(self.ixc, "client", None))
        if services is not None:
            services.closers.insert(0, self.lead_contacts.aclose)
        self.customer_search = CustomerSearch(lambda: self.ixc, self.window,
                                              self.call_desk.popups,
                                              self.call_desk.set_call_customer,
                                              lambda: self.quitting)
        # the card's "Ações" (unlock, PIX, boleto, diagnostics, OS) on every card of the desk
        self.customer_actions = CustomerActions(
            lambda: getattr(self.ixc, "client", None), self.settings_source,
            self.background.spawn,
            whatsapp=WhatsAppSend(lambda: getattr(self.services, "opa", None),
                                  self.settings_source, self.background.spawn))
        self.window.keep_in_tray = RamalTray.available()
        self.window.set_sectors(settings.sectors)
        self.attendance: Any = None       # AttendanceController, when the services have it
        self.call_protocol: Any = None    # CallProtocol (desk/call_protocol.py), likewise
        self.callbacks: Any = None        # Callbacks (desk/callbacks.py): the "Retornar" tab
        self.outbox_view: OutboxView | None = None
        self.network_watch: NetworkWatch | None = None   # from start(), when SIP is configured
        # Ramal → Exportar diagnóstico… / Sobre o Ramal (log_dir: where the logs are, for tests)
        self.support = SupportActions(self.window, self.settings_source, self.background.spawn,
                                      log_dir=log_dir, parent=self)
        self._build_attendance()
        self.customer_actions.order_choices = lambda: order_choices(
            self.services.attendance if self.services is not None else None)
        # 3CX beyond SIP: XAPI (optional), queue login/logout, "Meu desempenho"
        self.threecx = ThreecxLink(self.settings_source, parent=self)
        self.threecx.status.connect(self.status.notice)
        if services is not None:
            services.closers.insert(0, self.threecx.aclose)
        self.queues = QueueLoginController(
            self.settings_source, lambda number: self.call_desk.engine.call(number),
            self.invoker.post, self.background.spawn, xapi=self.threecx.client, parent=self)
        self.performance: PerformanceController | None = None
        if services is not None and services.attendances is not None and history is not None:
            self.performance = PerformanceController(
                FiguresSource(history, services.attendances), self.window.performance,
                parent=self)
            self.performance.notice.connect(self.status.notice)
        # 3CX recordings of history rows; their summary/transcription to the IXC ticket
        self.recordings: RecordingsController | None = None
        if services is not None and history is not None:
            self.recordings = RecordingsController(
                self.settings_source, history, self.window.history, self.threecx.client,
                self.background.spawn, outbox=services.outbox, attendances=services.attendances,
                wake_outbox=services.worker.notify if services.worker else lambda: None,
                parent=self)
            self.recordings.notice.connect(self.status.notice)
            services.closers.insert(0, self.recordings.close)
        # the supervisor view: a tab only with [threecx] supervisor = true
        self.supervisor: SupervisorController | None = None
        if settings.threecx.supervisor:
            view = SupervisorView()
            self.window.tabs.addTab(view, tr("threecx", "Supervisão"))
            self.supervisor = SupervisorController(
                view, self.threecx.client, lambda: getattr(self.ixc, "client", None),
                self.background.spawn, parent=self)
            self.supervisor.notice.connect(self.status.notice)
        # popup buttons, history actions, the log dialog opening by itself after a call
        self.attendance_prompts = AttendancePrompts(self.attendance, self.call_desk.popups,
                                                    self.call_desk.calls, self.recorder.ids,
                                                    self.window)
        # mass outages: banners on the popup, the card and the window; "Registrar como massiva"
        self.outage_desk = OutageDesk(
            self.window, self.settings_source, lambda: self.ixc,
            lambda: self.services.attendance if self.services is not None else None,
            self.recorder.ids.get, parent=self)
        self.outage_desk.notice.connect(self.status.notice)
        self._connect_ui()

    # --- start / stop -------------------------------------------------------------------------

    def start(self, show_window: bool = True) -> None:
        settings = self.settings_source()
        self.tray.show()
        if show_window or not RamalTray.available():
            self.window.show()
        self.window.search.set_available(self.ixc is not None, self._no_search_reason())
        self.recorder.refresh()
        spawn = self.background.spawn
        if self.services is not None and self.services.worker is not None:
            spawn(self.services.worker.start())
        if self.attendance is not None:
            spawn(self.attendance.refresh_caches())   # IXC subjects + ticket sectors
        if self.call_protocol is not None:
            self.call_protocol.start()     # protocols left open by an earlier session
        if self.callbacks is not None:
            self.callbacks.refresh()
        warm_up = getattr(self.ixc, "warm_up", None)
        if warm_up is not None:
            # reference tables + phone index, in the background: without them every ringing
            # call searched IXC live (two request waves) and loaded the labels on its own path
            spawn(warm_up(), what="IXC warm-up")   # lookups still work, searched live
        if settings.sip.server and settings.sip.extension:
            self.status.set_line(LineState.REGISTERING)
            self.call_desk.start_engine(settings)
            # Wi-Fi/VPN switch or resume: re-register now, not at the next refresh
            self.network_watch = NetworkWatch(self.network_changed, parent=self)
            self.network_watch.start()
        else:
            self.status.set_line(LineState.OFFLINE, tr(_CONTEXT, "configure o ramal"))
        if settings.threecx.url:
            self.background.spawn(self.threecx.probe())
        self.queues.start()
        if self.recordings is not None:
            self.recordings.announce()
        if settings.warnings:    # unknown keys in the file: ignored (and logged), said once
            self.status.notice(" ".join(settings.warnings))

    def shutdown(self) -> None:
        if self.quitting:
            return
        self.quitting = True
        for dialog in list(self.attendance.dialogs) if self.attendance is not None else []:
            dialog.close()
        for popup in list(self.call_desk.popups.values()):
            popup.close()
        self.call_desk.popup_supply.discard()
        self.recorder.flush()      # a ringing call's row may still be queued (call_desk.py)
        self.support.close()
        for task in [*self.call_desk.lookups.values(), *self.customer_search.tasks.values()]:
            task.cancel()
        self.background.cancel()
        if self.audio is not None:
            self.audio.close()
        if self.network_watch is not None:
            self.network_watch.stop()
        self.call_desk.engine.shutdown(timeout=2.0)
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

    def request_restart(self) -> None:
        """Quit now; the start-up starts Ramal again once everything is closed."""
        self.restart_requested = True
        self.quit()

    # --- wiring -------------------------------------------------------------------------------

    def _connect_ui(self) -> None:
        w, status, search = self.window, self.status, self.customer_search
        self.settings_flow.settings_changed.connect(self._apply_settings)
        self.settings_flow.notice.connect(status.notice)
        # a history write the database refused (disk full, read-only, locked), then recovered
        self.recorder.on_notice = status.notice
        if self.audio is not None and self.audio.headset is not None:
            self.audio.headset.deviceFallback.connect(status.device_fallback)
        self.tray.open_requested.connect(w.bring_to_front)
        self.tray.missed_clicked.connect(status.show_missed)
        self.tray.not_logged_clicked.connect(status.show_not_logged)
        self.tray.quit_requested.connect(self.quit)
        self.tray.dnd_toggled.connect(status.set_dnd)
        self.tray.queue_actions.login_requested.connect(self.queues.request)
        w.queue_status.login_requested.connect(self.queues.request)
        self.queues.state_changed.connect(lambda s: w.queue_status.set_state(QueueState(s)))
        self.queues.state_changed.connect(
            lambda s: self.tray.queue_actions.set_state(QueueState(s)))
        self.queues.notice.connect(status.notice)
        self.queues.available_changed.connect(w.queue_status.setVisible)
        self.queues.available_changed.connect(self.tray.queue_actions.set_available)
        self.settings_source.subscribe(lambda _old, _new: self.queues.announce())
        if self.recordings is not None:
            recordings = self.recordings
            self.settings_source.subscribe(lambda _old, _new: recordings.announce())
        self.queues.shift_warning.connect(status.notice)
        self.call_ended.connect(self.queues.call_ended)
        w.tabs.currentChanged.connect(self._tab_shown)
        w.quit_requested.connect(self.quit)
        w.dnd_toggled.connect(status.set_dnd)
        w.settings_requested.connect(self.settings_flow.open)
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
        w.history.filter_changed.connect(lambda _f: self.recorder.refresh())
        w.history.call_back_requested.connect(desk.dial)
        w.history.log_requested.connect(self.attendance_prompts.open_log_for_history)
        w.history.forward_requested.connect(self.attendance_prompts.open_forward_for_history)
        w.card.open_in_ixc_requested.connect(self.open_in_ixc)
        self.customer_actions.wire(w.card)
        w.search.search_requested.connect(lambda text: search.search("window", text))
        w.search.customer_chosen.connect(lambda cid: search.choose("window", cid))
        w.answer_shortcut.connect(desk.answer_ringing)
        w.decline_shortcut.connect(desk.decline_ringing)
        w.hangup_shortcut.connect(desk.hangup_current)
        # the call desk's news: the desk's own signals (tests, the benchmark), the line, notices,
        # the tray's counts and notifications, each popup's wiring, the attendance prompt
        desk.popup_shown.connect(self.popup_shown)
        desk.card_completed.connect(self.card_completed)
        desk.call_ended.connect(self.call_ended)
        desk.line_state_changed.connect(status.set_line)
        desk.notice.connect(status.notice)
        desk.missed_changed.connect(self.tray.set_missed)
        desk.missed_call.connect(self.tray.notify_missed)
        desk.incoming_without_popup.connect(self.tray.notify_incoming)
        desk.popup_opened.connect(self._popup_opened)
        desk.popup_closing.connect(search.cancel)
        desk.answered_call_ended.connect(self.attendance_prompts.after_call)

    def _popup_opened(self, call_id: str, popup: RingPopup) -> None:
        """A ringing call's popup, before it shows: its search box, IXC link, attendance."""
        popup.open_in_ixc_requested.connect(self.open_in_ixc)
        popup.search_requested.connect(self.customer_search.search)
        popup.customer_chosen.connect(self.customer_search.choose)
        self.attendance_prompts.wire_popup(popup, call_id)
        self.outage_desk.wire_popup(call_id, popup)
        self.customer_actions.wire(popup.card)
        self.phone_attach.wire_popup(popup)
        self.lead_contacts.wire_popup(popup)
        if self.call_protocol is not None:
            self.call_protocol.wire_popup(popup, call_id)
        popup.set_search_available(self.ixc is not None, self._no_search_reason())

    def _build_attendance(self) -> None:
        """Log in IXC, forward to a sector: only with the services' store and outbox."""
        services = self.services
        if services is None or services.attendance is None or self.history is None:
            return
        from desktop.desk.attendance_controller import AttendanceController

        # attended: a consultation call the agent completes or cancels (desk/consultation.py)
        self.attendance = AttendanceController(
            services.attendance, self.history, services.outbox, self.settings_source,
            worker=services.worker, attended_transfer_available=True, parent=self)
        self.attendance.transfer_requested.connect(self.call_desk.transfer_from_forward)
        self.attendance.history_changed.connect(self.recorder.refresh)
        self.attendance.not_logged_changed.connect(self.status.set_not_logged)
        self.recorder.on_not_logged = self.status.set_not_logged
        from desktop.desk.call_protocol import CallProtocol

        # the call's IXC protocol during the call (issue 16)
        self.call_protocol = CallProtocol(services.attendance, self.settings_source,
                                          self.recorder.ids, self.call_desk.popups,
                                          worker=services.worker,
                                          spawn=self.background.spawn, parent=self)
        self.call_desk.call_answered.connect(self.call_protocol.call_answered)
        self.call_desk.call_customer_set.connect(self.call_protocol.customer_known)
        self.call_desk.call_ended.connect(lambda cid, _o: self.call_protocol.call_ended(cid))
        self.call_protocol.notice.connect(self.status.notice)
        from desktop.desk.callbacks import Callbacks
        from desktop.ui.callback_list import CallbackList

        # "Retornar": missed calls to call back, each callback linked to its missed call
        self.callback_list = CallbackList()
        self.window.tabs.addTab(self.callback_list, tr(_CONTEXT, "Retornar"))
        self.callbacks = Callbacks(self.history, self.recorder, self.callback_list,
                                   self.call_desk.dial, parent=self)
        self.call_desk.outgoing_started.connect(self.callbacks.outgoing_started)
        self.call_desk.call_ended.connect(lambda _cid, _o: self.callbacks.refresh())
        # a missed call identified after it stopped ringing joins the list then
        self.call_desk.call_customer_set.connect(lambda *_a: self.callbacks.refresh())
        self.attendance.history_changed.connect(self.callbacks.refresh)
        self.outbox_view = OutboxView()
        self.window.tabs.addTab(self.outbox_view, tr(_CONTEXT, "Envios"))
        self.attendance.attach_outbox_view(self.outbox_view)

    def _apply_settings(self, old: Settings, new: Settings) -> None:
        """Saved: what applies at once (sectors, audio, the protocol's bar); the rest needs a
        restart. [attendance] and the checklist rules are read where they are used: the lead
        offer from the next popup, the rules from the next log dialog."""
        self.window.set_sectors(new.sectors)
        for popup in self.call_desk.popups.values():
            popup.set_sectors(new.sectors)
        if self.call_protocol is not None and old.attendance != new.attendance:
            self.call_protocol.refresh()
        if self.audio is not None and old.audio != new.audio:
            # ringer and volumes at once; new devices from the next call (or now, reopened,
            # during one); softphone ↔ companion is a [sip] change: restart
            self.audio.apply(new)

    # --- what the desk does itself --------------------------------------------------------------

    def _no_search_reason(self) -> str:
        return "" if self.ixc is not None else tr(
            _CONTEXT, "IXC não configurado: preencha a URL e o token nas configurações.")

    def open_in_ixc(self, customer_id: int) -> None:
        url = self.settings_source().ixc.url
        if url:
            QDesktopServices.openUrl(QUrl(ixc_customer_url(url, customer_id)))

    def network_changed(self) -> None:
        """The PC changed network or woke up: the engine re-registers from the new address."""
        network_changed = getattr(self.call_desk.engine, "network_changed", None)
        if network_changed is not None and not self.quitting:
            network_changed()

    def _tab_shown(self, index: int) -> None:
        if self.performance is not None and self.window.tabs.widget(index) is \
                self.window.performance:
            self.performance.refresh()

"""The desk as tests drive it: :class:`RamalApp` plus short names for its controllers' parts.

RamalApp only builds and wires; the behaviour lives in the controllers of ``desktop/desk``. The
tests (and the in-process harnesses) talk to one object, so this subclass adds the names they
have always used (``ramal.handle_event(...)``, ``ramal.popups``, ``ramal.log_dialogs``) as thin
forwards to the controller that owns each one. Production code calls the controller directly.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from desktop.app.ramal_app import RamalApp
from desktop.desk.ports import Engine
from desktop.settings.model import Settings
from desktop.sip.events import SipEvent
from desktop.system.autostart import Autostart
from desktop.ui.ring_popup import RingPopup
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.view_models import CallView, HistoryEntry, LineState

__all__ = ["DeskUnderTest"]


class DeskUnderTest(RamalApp):
    # --- calls (desktop/desk/call_desk.py) ------------------------------------------------------

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

    # --- manual search (desktop/desk/customer_search.py) --------------------------------------

    @property
    def searches(self) -> dict[str, asyncio.Task[None]]:
        return self.customer_search.tasks

    def search_customers(self, where: str, text: str) -> None:
        self.customer_search.search(where, text)

    def choose_customer(self, where: str, customer_id: int) -> None:
        self.customer_search.choose(where, customer_id)

    # --- attendance (desktop/desk/attendance_prompts.py) ----------------------------------------

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

    # --- history (desktop/desk/call_history_recorder.py) --------------------------------------

    @property
    def history_ids(self) -> dict[str, int]:
        return self.recorder.ids

    @property
    def session_history(self) -> list[HistoryEntry]:
        return self.recorder.session

    def refresh_history(self) -> None:
        self.recorder.refresh()

    # --- settings (desktop/desk/settings_flow.py) ---------------------------------------------

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

    # --- tray and status bar (desktop/desk/status_presenter.py) -------------------------------

    @property
    def not_logged(self) -> int:
        return self.status.not_logged

    def set_dnd(self, on: bool) -> None:
        self.status.set_dnd(on)

    def _set_line(self, state: LineState, detail: str = "") -> None:
        self.status.set_line(state, detail)

    def _notice(self, text: str) -> None:
        self.status.notice(text)

    def _set_not_logged(self, count: int) -> None:
        self.status.set_not_logged(count)

    def _show_missed(self) -> None:
        self.status.show_missed()

    def _show_not_logged(self) -> None:
        self.status.show_not_logged()

    def _device_fallback(self, kind: str, lost: str, now_using: str) -> None:
        self.status.device_fallback(kind, lost, now_using)

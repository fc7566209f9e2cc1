"""When the desk asks the agent to log a call, and what the log/forward dialogs start from.

A ringing call's popup gets "Registrar atendimento" and "Encaminhar" buttons (usable once the
call was answered); the history's rows get the same two actions. Each opens a dialog of
:class:`~desktop.desk.attendance_controller.AttendanceController` with the call's history row, the
popup card's customer record and the sections the agent opened, so the agent does not retype
what the desk already knows. When an answered call ends, the log dialog opens by itself (once per
call: a dialog the agent opened during the call is left as it is). Closing it unsaved leaves the
call "sem registro" in the history and the tray's count.

Without attendance services (no database, tests of the widgets alone) the buttons are disabled
and every prompt is a no-op.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from desktop.ixc.models import CustomerRecord
from desktop.ui.ring_popup import RingPopup
from desktop.ui.view_models import CallView

if TYPE_CHECKING:   # the desk imports the controller only when it has attendance services
    from desktop.desk.attendance_controller import AttendanceController


class AttendancePrompts:
    def __init__(self, controller: AttendanceController | None,
                 popups: Mapping[str, RingPopup], calls: Mapping[str, CallView],
                 history_ids: Mapping[str, int], window: QWidget) -> None:
        self.controller = controller
        self.popups = popups               # the desk's open popups, by SIP call id
        self.calls = calls                 # the desk's live calls, by SIP call id
        self.history_ids = history_ids     # SIP call id → history row id
        self.window = window               # the dialogs' parent
        self.log_dialogs: dict[str, Any] = {}   # SIP call id → its open AttendanceDialog

    def wire_popup(self, popup: RingPopup, call_id: str) -> None:
        popup.set_attendance_available(self.controller is not None)
        if self.controller is None:
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
        if self.controller is None:
            return None
        dialog = self.log_dialogs.get(call_id)
        if dialog is not None and dialog in self.controller.dialogs:
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        record, sections = self._card_of(call_id)
        live = call_id if call_id in self.calls else ""
        popup = self.popups.get(call_id)
        dialog = self.controller.open_log_dialog(
            self.history_ids.get(call_id), record, sections=sections, live_call_id=live,
            parent=self.window, actions=tuple(popup.card.action_notes) if popup else ())
        self.log_dialogs[call_id] = dialog
        dialog.finished.connect(lambda _code: self.log_dialogs.pop(call_id, None))
        return dialog

    def open_forward_for_call(self, call_id: str) -> Any:
        if self.controller is None:
            return None
        record, sections = self._card_of(call_id)
        live = call_id if call_id in self.calls else ""
        return self.controller.open_forward_dialog(
            self.history_ids.get(call_id), record, sections=sections, live_call_id=live,
            parent=self.window)

    def open_log_for_history(self, history_id: int) -> Any:
        if self.controller is None:
            return None
        return self.controller.open_log_dialog(history_id, None, parent=self.window)

    def open_forward_for_history(self, history_id: int) -> Any:
        if self.controller is None:
            return None
        return self.controller.open_forward_dialog(history_id, None, parent=self.window)

    def after_call(self, call_id: str) -> None:
        """An answered call ended: ask for its attendance at once. The agent may close the
        dialog; the call then stays "sem registro" in the history and the tray's count."""
        if self.controller is None or call_id not in self.history_ids:
            return
        dialog = self.log_dialogs.get(call_id)
        if dialog is not None and dialog in self.controller.dialogs:
            return       # the agent opened it during the call; it reads the history on submit
        self.open_log_for_call(call_id)

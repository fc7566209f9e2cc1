"""The system tray icon: line state, do-not-disturb, missed calls, calls not logged yet,
notifications, menu.

Ramal lives here: closing the main window keeps the tray; "Sair" is the only way out.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop.phone.numbers import format_number
from desktop.ui.icons import tray_icon
from desktop.ui.tray_queue_actions import TrayQueueActions
from desktop.ui.view_models import LineState


class RamalTray(QObject):
    open_requested = Signal()
    dnd_toggled = Signal(bool)
    quit_requested = Signal()
    missed_clicked = Signal()  # the agent clicked a missed-call notification
    not_logged_clicked = Signal()  # "Atendimentos sem registro" in the menu

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = LineState.OFFLINE
        self.detail = ""
        self.dnd = False
        self.missed = 0
        self.not_logged = 0
        self._last_message_missed = False
        self.icon = QSystemTrayIcon(self)
        self.menu = QMenu()
        self.open_action = QAction(self.tr("Abrir o Ramal"), self)
        self.open_action.triggered.connect(self.open_requested)
        self.dnd_action = QAction(self.tr("Não perturbe"), self)
        self.dnd_action.setCheckable(True)
        self.dnd_action.toggled.connect(self._on_dnd)
        self.quit_action = QAction(self.tr("Sair"), self)
        self.quit_action.triggered.connect(self.quit_requested)
        self.not_logged_action = QAction(self)
        self.not_logged_action.triggered.connect(self.not_logged_clicked)
        self.not_logged_action.setVisible(False)
        self.menu.addAction(self.open_action)
        self.menu.addAction(self.not_logged_action)
        self.menu.addAction(self.dnd_action)
        self.queue_actions = TrayQueueActions(self.menu, self)   # queue login/logout
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self.icon.messageClicked.connect(self._on_message_clicked)
        self._refresh()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    # --- state ------------------------------------------------------------------------------

    def set_line_state(self, state: LineState, detail: str = "") -> None:
        self.state = state
        self.detail = detail
        self._refresh()

    def set_dnd(self, on: bool) -> None:
        """Reflect DND set elsewhere (main window, settings) without re-emitting the toggle."""
        self.dnd_action.blockSignals(True)
        self.dnd_action.setChecked(on)
        self.dnd_action.blockSignals(False)
        self.dnd = on
        self._refresh()

    def set_missed(self, count: int) -> None:
        self.missed = max(0, count)
        self._refresh()

    def set_not_logged(self, count: int) -> None:
        """Answered calls whose attendance is not logged yet: a reminder, not an alarm."""
        self.not_logged = max(0, count)
        self.not_logged_action.setText(
            self.tr("%n atendimento(s) sem registro", "", self.not_logged))
        self.not_logged_action.setVisible(self.not_logged > 0)
        self._refresh()

    def state_text(self) -> str:
        texts = {
            LineState.OFFLINE: self.tr("Desconectado"),
            LineState.REGISTERING: self.tr("Registrando o ramal…"),
            LineState.REGISTERED: self.tr("Ramal registrado"),
            LineState.FAILED: self.tr("Falha no registro"),
        }
        text = texts[self.state]
        if self.detail:
            text += f" ({self.detail})"
        if self.dnd:
            text += " · " + self.tr("Não perturbe")
        if self.missed:
            text += " · " + self.tr("%n chamada(s) perdida(s)", "", self.missed)
        if self.not_logged:
            text += " · " + self.tr("%n atendimento(s) sem registro", "", self.not_logged)
        return text

    def _refresh(self) -> None:
        self.icon.setIcon(tray_icon(self.state, self.dnd, self.missed, self.not_logged))
        self.icon.setToolTip("Ramal — " + self.state_text())

    # --- notifications ----------------------------------------------------------------------

    def notify_incoming(self, display_name: str, number: str) -> None:
        who = display_name or format_number(number) or self.tr("Número oculto")
        self._last_message_missed = False
        self.icon.showMessage(self.tr("Chamada recebida"), who,
                              QSystemTrayIcon.MessageIcon.Information, 5000)

    def notify_missed(self, display_name: str, number: str) -> None:
        who = display_name or format_number(number) or self.tr("Número oculto")
        self._last_message_missed = True
        self.icon.showMessage(self.tr("Chamada perdida"), who,
                              QSystemTrayIcon.MessageIcon.Warning, 10000)

    # --- slots ------------------------------------------------------------------------------

    def _on_dnd(self, on: bool) -> None:
        self.dnd = on
        self._refresh()
        self.dnd_toggled.emit(on)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_requested.emit()

    def _on_message_clicked(self) -> None:
        if self._last_message_missed:
            self.missed_clicked.emit()
        else:
            self.open_requested.emit()

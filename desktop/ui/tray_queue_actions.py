"""The tray menu's "Entrar nas filas" / "Sair das filas", with the state in their text."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop.threecx.queue_login import QueueState


class TrayQueueActions(QObject):
    login_requested = Signal(bool)

    def __init__(self, menu: QMenu, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.login_action = QAction(self.tr("Entrar nas filas"), self)
        self.logout_action = QAction(self.tr("Sair das filas"), self)
        self.login_action.triggered.connect(lambda: self.login_requested.emit(True))
        self.logout_action.triggered.connect(lambda: self.login_requested.emit(False))
        menu.addAction(self.login_action)
        menu.addAction(self.logout_action)
        self.set_state(QueueState.UNKNOWN)
        self.set_available(False)       # until the desk says queue login is configured

    def set_available(self, available: bool) -> None:
        self.login_action.setVisible(available)
        self.logout_action.setVisible(available)

    def set_state(self, state: QueueState) -> None:
        changing = state is QueueState.CHANGING
        self.login_action.setEnabled(not changing and state is not QueueState.LOGGED_IN)
        self.logout_action.setEnabled(not changing and state is not QueueState.LOGGED_OUT)
        self.logout_action.setText(self.tr("Sair das filas (dentro agora)")
                                   if state is QueueState.LOGGED_IN
                                   else self.tr("Sair das filas"))
        self.login_action.setText(self.tr("Entrar nas filas (fora agora)")
                                  if state is QueueState.LOGGED_OUT
                                  else self.tr("Entrar nas filas"))

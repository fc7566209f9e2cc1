"""The agent's queue state in the main window's top bar: "Filas: dentro/fora/—" and one button
to log in or out. It only shows what the desk tells it and emits the agent's choice."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.threecx.queue_login import QueueState


class QueueStatusWidget(QWidget):
    login_requested = Signal(bool)     # True = log in to the queues, False = log out

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setObjectName("queueState")
        self.login_button = QPushButton(self.tr("Entrar nas filas"))
        self.logout_button = QPushButton(self.tr("Sair das filas"))
        self.login_button.clicked.connect(lambda: self.login_requested.emit(True))
        self.logout_button.clicked.connect(lambda: self.login_requested.emit(False))
        row.addWidget(self.label)
        row.addWidget(self.login_button)
        row.addWidget(self.logout_button)
        self.state = QueueState.UNKNOWN
        self.set_state(QueueState.UNKNOWN)
        self.setVisible(False)          # until the desk says queue login is configured

    def state_text(self, state: QueueState) -> str:
        return {
            QueueState.UNKNOWN: self.tr("Filas: estado desconhecido"),
            QueueState.LOGGED_IN: self.tr("Filas: dentro"),
            QueueState.LOGGED_OUT: self.tr("Filas: fora"),
            QueueState.CHANGING: self.tr("Filas: mudando…"),
        }[state]

    def set_state(self, state: QueueState) -> None:
        self.state = state
        self.label.setText(self.state_text(state))
        changing = state is QueueState.CHANGING
        self.login_button.setEnabled(not changing and state is not QueueState.LOGGED_IN)
        self.logout_button.setEnabled(not changing and state is not QueueState.LOGGED_OUT)

"""The number field and the twelve keys: click-to-call, and DTMF while a call is up."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")


class DialPad(QWidget):
    dial_requested = Signal(str)
    key_pressed = Signal(str)   # the app sends it as DTMF when a call is connected

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("Número ou ramal"))
        self.number.setClearButtonEnabled(True)
        self.number.setValidator(QRegularExpressionValidator(r"[0-9+*#() .\-]{0,40}"))
        self.number.returnPressed.connect(self._dial)
        layout.addWidget(self.number)
        grid = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        for i, key in enumerate(KEYS):
            button = QPushButton(key)
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _=False, k=key: self._press(k))
            grid.addWidget(button, i // 3, i % 3)
            self.keys[key] = button
        layout.addLayout(grid)
        self.call_button = QPushButton(self.tr("Ligar"))
        self.call_button.setStyleSheet("QPushButton { background: #2e7d32; color: white; "
                                       "font-weight: bold; padding: 6px; }")
        self.call_button.clicked.connect(self._dial)
        layout.addWidget(self.call_button)
        layout.addStretch(1)

    def _press(self, key: str) -> None:
        self.number.insert(key)
        self.key_pressed.emit(key)

    def _dial(self) -> None:
        number = self.number.text().strip()
        if number:
            self.dial_requested.emit(number)

    def set_number(self, number: str) -> None:
        self.number.setText(number)
        self.number.setFocus(Qt.FocusReason.OtherFocusReason)

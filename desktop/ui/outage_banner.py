"""The "Possível massiva" banner: on the customer card (so on the ring popup) and the main window.

It says which scope fell, how many logins and since when, and offers the two things the agent
does about it: "Registrar como massiva" (the attendance is logged against the one outage record)
and the scripted answer to read to the caller. Hidden while there is no outage.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.ixc.outage_model import Outage
from desktop.ui.text_widgets import PlainLabel

_STYLE = ("QWidget#outageBanner { background: #fdecea; border: 2px solid #c0392b; "
          "border-radius: 4px; } QLabel#outageText { color: #7b1d12; font-weight: bold; }")


class OutageBanner(QWidget):
    register_requested = Signal(object)     # the Outage
    outage_seen = Signal(object)            # the Outage, each time one is shown

    def __init__(self, parent: QWidget | None = None, *, actions: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("outageBanner")
        self.setStyleSheet(_STYLE)
        self.outage: Outage | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        row = QHBoxLayout()
        self.text = PlainLabel(limit=300)
        self.text.setObjectName("outageText")
        row.addWidget(self.text, 1)
        self.register_button = QPushButton(self.tr("Registrar como massiva"))
        self.register_button.clicked.connect(self._register)
        self.script_button = QPushButton(self.tr("Roteiro"))
        self.script_button.setCheckable(True)
        self.script_button.toggled.connect(self._show_script)
        for button in (self.script_button, self.register_button):
            button.setVisible(actions)
            row.addWidget(button)
        layout.addLayout(row)
        self.script = PlainLabel(limit=2000)
        self.script.setObjectName("outageScript")
        self.script.setWordWrap(True)
        self.script.hide()
        layout.addWidget(self.script)
        self.hide()

    def set_script(self, text: str) -> None:
        self.script.set_plain(text)
        self.script_button.setEnabled(bool(text.strip()))

    def set_outage(self, outage: Outage | None) -> None:
        if outage is None or (self.outage is not None and outage.key != self.outage.key):
            self.register_button.setEnabled(True)    # a new outage may be registered again
            self.register_button.setToolTip("")
        changed = outage != self.outage
        self.outage = outage
        if outage is None:
            self.hide()
            return
        if changed:
            self.text.set_plain(outage.banner_text())
            self.outage_seen.emit(outage)
        self.show()

    def set_registered(self, text: str) -> None:
        """After "Registrar como massiva": say where it went, and do not offer it twice."""
        self.register_button.setEnabled(False)
        self.register_button.setToolTip(text)

    def _show_script(self, on: bool) -> None:
        self.script.setVisible(on)

    def _register(self) -> None:
        if self.outage is not None:
            self.register_requested.emit(self.outage)

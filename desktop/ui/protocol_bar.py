"""The call's IXC protocol on the popup: "Abrir protocolo", then the number with a copy button.

Brazilian consumers are given a protocol for each contact and agents read it out before hanging
up, so the ticket is opened during the call (automatically or with this button, per
``[attendance] open_ticket``) and its protocol stays on the popup while the call lasts. The
protocol may show before its ticket is in IXC (reserved first): a small note beside it says so
("registrando no IXC…") until it is. The bar only shows what the desk controller
(:mod:`desktop.desk.call_protocol`) tells it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from desktop.ui.text_widgets import CopyButton, PlainLabel


class ProtocolBar(QWidget):
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("protocolBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.open_button = QPushButton(self.tr("Abrir protocolo"))
        self.open_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.open_button.clicked.connect(self.open_requested)
        self.label = PlainLabel(limit=300)
        self.label.setObjectName("protocolText")
        # beside the number: "registrando no IXC…" until the ticket that carries it is in IXC
        self.note = PlainLabel(limit=300)
        self.note.setObjectName("protocolNote")
        self.note.hide()
        self.copy_button = CopyButton(self.tr("Copiar protocolo"), "")
        self.copy_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.copy_button.hide()
        layout.addWidget(self.open_button)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.copy_button)
        self.protocol = ""     # the number on show, "" when none is
        self.hide()

    def offer(self, enabled: bool, reason: str = "") -> None:
        """The button, before anything was opened (``reason``: why it cannot be used yet)."""
        self.open_button.show()
        self.open_button.setEnabled(enabled)
        self.open_button.setToolTip(reason or self.tr(
            "Abre o chamado no IXC agora, para informar o protocolo ao cliente"))
        self.protocol = ""
        self.label.set_plain(reason)
        self._set_note("")
        self.copy_button.hide()
        self.show()

    def show_pending(self, text: str) -> None:
        self.open_button.hide()
        self.copy_button.hide()
        self._set_note("")
        self.protocol = ""
        self.label.set_plain(text)
        self.show()

    def show_protocol(self, protocol: str, note: str = "", *, note_is_problem: bool = False
                      ) -> None:
        """The number with its copy button; ``note``: how its ticket is doing in IXC, small
        and grey ("registrando no IXC…"), in the normal colour when it is a problem; nothing
        once the ticket is there."""
        self.protocol = protocol
        self.open_button.hide()
        self.label.set_plain(self.tr("Protocolo: {protocol}").format(protocol=protocol))
        self._set_note(note, muted=not note_is_problem)
        self.copy_button.value = protocol
        self.copy_button.setToolTip(protocol)
        self.copy_button.show()
        self.show()

    def show_failed(self, reason: str) -> None:
        self.open_button.hide()
        self.copy_button.hide()
        self._set_note("")
        self.protocol = ""
        self.label.set_plain(self.tr("O protocolo não foi aberto no IXC: {reason}").format(
            reason=reason))
        self.show()

    def _set_note(self, text: str, muted: bool = True) -> None:
        self.note.set_plain(text)
        self.note.setEnabled(not muted)      # disabled = the palette's grey, as other hints
        self.note.setVisible(bool(text))

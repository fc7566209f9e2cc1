""""Cadastrar como novo contato" on the popup of a caller IXC does not know (issue 16).

Shown only when ``[attendance] unknown_caller`` asks for it and the number's lookup finished with
no customer; the name typed here (prefilled with the caller ID's name, if any) goes to the desk
controller (:mod:`desktop.desk.lead_flow`), which registers the caller where the ISP wants new
contacts (an OPA contact, or an IXC lead: :meth:`NewContactBar.set_destination` says which on
the button) and hands the pt-BR result back to :meth:`NewContactBar.show_result`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.ui.text_widgets import PlainLabel

NAME_LIMIT = 100


class NewContactBar(QWidget):
    register_requested = Signal(str)     # the name typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newContactBar")
        # set by the desk when the configuration offers it; the popup shows the bar only then
        self.offered = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(NAME_LIMIT)
        self.name.setPlaceholderText(self.tr("Nome de quem ligou"))
        self.name.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.register_button = QPushButton()
        self.register_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.in_ixc = False
        self.set_destination(ixc=False)
        self.register_button.clicked.connect(self._request)
        self.name.returnPressed.connect(self._request)
        self.name.textChanged.connect(lambda _t: self._update_button())
        row.addWidget(self.name, 1)
        row.addWidget(self.register_button)
        outer.addLayout(row)
        self.status = PlainLabel(limit=300)
        self.status.setObjectName("newContactStatus")
        outer.addWidget(self.status)
        self.done = False
        self._update_button()
        self.hide()

    def set_name(self, name: str) -> None:
        self.name.setText(name)

    def set_destination(self, *, ixc: bool) -> None:
        """Where the contact goes, said on the button: an IXC lead, or an OPA contact."""
        self.in_ixc = ixc
        if ixc:
            self.register_button.setText(self.tr("Cadastrar como lead no IXC"))
            self.register_button.setToolTip(self.tr(
                "Cadastra este número como um lead (contato do CRM) no IXC"))
        else:
            self.register_button.setText(self.tr("Cadastrar como novo contato"))
            self.register_button.setToolTip(self.tr(
                "Cadastra este número como um novo contato (lead) no OPA"))

    def show_pending(self) -> None:
        self.register_button.setEnabled(False)
        self.status.set_plain(self.tr("Cadastrando no IXC…") if self.in_ixc
                              else self.tr("Cadastrando no OPA…"))

    def show_result(self, message: str, done: bool) -> None:
        """``done``: the number is now a contact (created or already there); else it may be
        tried again."""
        self.done = done
        self.status.set_plain(message)
        self.name.setEnabled(not done)
        self._update_button()

    def _update_button(self) -> None:
        self.register_button.setEnabled(not self.done and bool(self.name.text().strip()))

    def _request(self) -> None:
        if self.register_button.isEnabled():
            self.register_requested.emit(self.name.text())

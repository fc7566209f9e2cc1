"""The current calls: one row per call with answer, hold, mute, keypad, transfer, hang up.

The Transferir menu transfers at once (blind) to a sector or another number, or, under
"Consultar antes (assistida)", puts the customer on hold and calls the sector first; while that
consultation is up the customer's row offers "Completar transferência" and "Cancelar consulta"
and the consultation's row reads "Consulta com <setor>" (desktop/desk/consultation.py)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.phone.numbers import format_number
from desktop.settings.model import Sector
from desktop.ui.formatting import single_line
from desktop.ui.qt_lifetime import dispose_later
from desktop.ui.text_widgets import PlainLabel
from desktop.ui.view_models import CallerKind, CallPhase, CallView


class CallRow(QFrame):
    def __init__(self, panel: CallPanel, call: CallView) -> None:
        super().__init__()
        self.panel = panel
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.title = PlainLabel(limit=120)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.state = PlainLabel(limit=120, selectable=False)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        row = QHBoxLayout()
        self.answer = QPushButton(self.tr("Atender"))
        self.decline = QPushButton(self.tr("Recusar"))
        self.hold = QPushButton(self.tr("Espera"))
        self.hold.setCheckable(True)
        self.mute = QPushButton(self.tr("Mudo"))
        self.mute.setCheckable(True)
        self.keypad = QPushButton(self.tr("Teclado"))
        self.transfer = QToolButton()
        self.transfer.setText(self.tr("Transferir"))
        self.transfer.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.transfer_menu = QMenu(self.transfer)
        self.transfer.setMenu(self.transfer_menu)
        self.complete = QPushButton(self.tr("Completar transferência"))
        self.cancel_consult = QPushButton(self.tr("Cancelar consulta"))
        self.hangup = QPushButton(self.tr("Desligar"))
        for w in (self.answer, self.decline, self.hold, self.mute, self.keypad, self.transfer,
                  self.complete, self.cancel_consult, self.hangup):
            row.addWidget(w)
        row.addStretch(1)
        layout.addLayout(row)
        self.call = call
        self.answer.clicked.connect(lambda: panel.answer_requested.emit(self.call.call_id))
        self.decline.clicked.connect(lambda: panel.decline_requested.emit(self.call.call_id))
        self.hangup.clicked.connect(lambda: panel.hangup_requested.emit(self.call.call_id))
        self.hold.clicked.connect(lambda on: panel.hold_requested.emit(self.call.call_id, on))
        self.mute.clicked.connect(lambda on: panel.mute_requested.emit(self.call.call_id, on))
        self.keypad.clicked.connect(self._ask_dtmf)
        self.complete.clicked.connect(
            lambda: panel.complete_transfer_requested.emit(self.call.call_id))
        self.cancel_consult.clicked.connect(
            lambda: panel.cancel_consultation_requested.emit(self.call.call_id))
        self.set_sectors(panel.sectors)
        self.update_call(call)

    def set_sectors(self, sectors: Sequence[Sector]) -> None:
        self.transfer_menu.clear()
        for sector in (s for s in sectors if s.transfer_to):
            action = self.transfer_menu.addAction(f"{sector.name} ({sector.transfer_to})")
            action.triggered.connect(lambda _=False, to=sector.transfer_to:
                                     self.panel.transfer_requested.emit(self.call.call_id, to))
        other = self.transfer_menu.addAction(self.tr("Outro número…"))
        other.triggered.connect(self._ask_transfer)
        # attended: hold the customer, talk to the sector, then complete (or cancel)
        self.consult_menu = self.transfer_menu.addMenu(self.tr("Consultar antes (assistida)"))
        for sector in (s for s in sectors if s.transfer_to):
            action = self.consult_menu.addAction(f"{sector.name} ({sector.transfer_to})")
            action.triggered.connect(
                lambda _=False, to=sector.transfer_to, name=sector.name:
                self.panel.consult_requested.emit(self.call.call_id, to, name))
        other_consult = self.consult_menu.addAction(self.tr("Outro ramal…"))
        other_consult.triggered.connect(self._ask_consult)

    def update_call(self, call: CallView) -> None:
        self.call = call
        if call.kind is CallerKind.ANONYMOUS or not call.number:
            who = self.tr("Número oculto")
        else:
            who = format_number(call.number)
        name = single_line(call.display_name)
        if call.consult_for:
            consult = self.tr("Consulta com {sector}").format(
                sector=single_line(call.consult_label))
            self.title.set_plain(f"{consult} · {who}")
        else:
            self.title.set_plain(f"{who} · {name}" if name else who)
        phases = {
            CallPhase.RINGING: self.tr("Tocando"),
            CallPhase.DIALING: self.tr("Chamando…"),
            CallPhase.CONNECTED: self.tr("Em chamada"),
            CallPhase.ENDED: self.tr("Encerrada"),
        }
        state = phases[call.phase]
        if call.held:
            state += " · " + self.tr("em espera")
        if call.muted:
            state += " · " + self.tr("mudo")
        if call.consulting:
            state += " · " + self.tr("em consulta")
        if call.note:
            state += " · " + single_line(call.note)
        self.state.set_plain(state)
        ringing_in = call.phase is CallPhase.RINGING and call.incoming
        connected = call.phase is CallPhase.CONNECTED
        self.answer.setVisible(ringing_in)
        self.decline.setVisible(ringing_in)
        for w in (self.hold, self.mute, self.keypad):
            w.setVisible(connected)
        # a consultation is not transferred itself; a customer in consultation is completed
        self.transfer.setVisible(connected and not call.consulting and not call.consult_for)
        self.complete.setVisible(connected and bool(call.consulting))
        self.cancel_consult.setVisible(connected and bool(call.consulting))
        self.hangup.setVisible(call.phase in (CallPhase.CONNECTED, CallPhase.DIALING))
        self.hold.setText(self.tr("Retomar") if call.held else self.tr("Espera"))
        self.hold.setChecked(call.held)
        self.mute.setChecked(call.muted)

    def _ask_dtmf(self) -> None:
        digits, ok = QInputDialog.getText(self, self.tr("Enviar tons (DTMF)"),
                                          self.tr("Dígitos:"))
        digits = "".join(c for c in digits if c in "0123456789*#")
        if ok and digits:
            self.panel.dtmf_requested.emit(self.call.call_id, digits)

    def _ask_transfer(self) -> None:
        target, ok = QInputDialog.getText(self, self.tr("Transferir"),
                                          self.tr("Ramal ou número:"))
        if ok and target.strip():
            self.panel.transfer_requested.emit(self.call.call_id, target.strip())


    def _ask_consult(self) -> None:
        target, ok = QInputDialog.getText(self, self.tr("Transferência assistida"),
                                          self.tr("Ramal ou número a consultar:"))
        if ok and target.strip():
            self.panel.consult_requested.emit(self.call.call_id, target.strip(), target.strip())


class CallPanel(QWidget):
    answer_requested = Signal(str)
    decline_requested = Signal(str)
    hangup_requested = Signal(str)
    hold_requested = Signal(str, bool)
    mute_requested = Signal(str, bool)
    dtmf_requested = Signal(str, str)
    transfer_requested = Signal(str, str)
    consult_requested = Signal(str, str, str)      # call id, target, sector name
    complete_transfer_requested = Signal(str)      # the customer's call id
    cancel_consultation_requested = Signal(str)    # the customer's call id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sectors: tuple[Sector, ...] = ()
        self.rows: dict[str, CallRow] = {}
        self.box = QVBoxLayout(self)
        self.empty = QLabel(self.tr("Nenhuma chamada em andamento."))
        self.empty.setEnabled(False)
        self.box.addWidget(self.empty)
        self.box.addStretch(1)

    def set_sectors(self, sectors: Sequence[Sector]) -> None:
        self.sectors = tuple(sectors)
        for row in self.rows.values():
            row.set_sectors(self.sectors)

    def upsert(self, call: CallView) -> None:
        if call.phase is CallPhase.ENDED:
            self.remove(call.call_id)
            return
        row = self.rows.get(call.call_id)
        if row is None:
            row = CallRow(self, call)
            self.rows[call.call_id] = row
            self.box.insertWidget(self.box.count() - 1, row)
        else:
            row.update_call(call)
        self.empty.setVisible(not self.rows)

    def remove(self, call_id: str) -> None:
        row = self.rows.pop(call_id, None)
        if row is not None:
            # the panel keeps owning it until Qt deletes it (a row may be removed from inside
            # one of its own buttons' signals)
            self.box.removeWidget(row)
            row.hide()
            dispose_later(row)
        self.empty.setVisible(not self.rows)

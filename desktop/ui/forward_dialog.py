"""The "Encaminhar" dialog: hand the case to a sector (Discord, OPA) and transfer the call there.

Each destination is offered only when the sector can take it: Discord when it has a webhook, OPA
when it has a department (and OPA is configured), the transfer when it has a 3CX queue/extension
and the call is still up. A disabled option says why. After "Encaminhar" the dialog lists what
was queued, each with its live state, and shows plainly what could not be done (OPA's API
cannot transfer an attendance, a sector without a webhook...).

Like the attendance dialog, it only emits :attr:`ForwardDialog.forward_requested`; the
controller answers with :meth:`show_result` / :meth:`show_refused` and :meth:`show_item`.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ixc.models import Section
from desktop.settings.model import Sector
from desktop.store.outbox import OutboxItem
from desktop.ui.attendance_dialog import section_names
from desktop.ui.attendance_view_models import CallSummary
from desktop.ui.formatting import clip, single_line
from desktop.ui.outbox_view import OutboxItemRow
from desktop.ui.text_widgets import ALERT_COLORS, PlainLabel
from desktop.ui.window_fit import grow_to_fit

NOTE_MAX = 4000


class TransferMode(enum.StrEnum):
    BLIND = "blind"            # hand the call over at once
    ATTENDED = "attended"      # talk to the sector first, then complete the transfer


@dataclass(frozen=True)
class ForwardSubmission:
    sector: str
    note: str
    to_discord: bool
    to_opa: bool
    transfer: TransferMode | None = None


class ForwardDialog(QDialog):
    forward_requested = Signal(object)     # ForwardSubmission
    retry_requested = Signal(int)          # outbox item id

    def __init__(
        self,
        sectors: Sequence[Sector],
        *,
        call: CallSummary | None = None,
        customer_name: str = "",
        sections: Sequence[Section] = (),
        opa_configured: bool = True,
        attended_transfer_available: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Encaminhar"))
        self.setMinimumWidth(480)
        self.sectors = {s.name: s for s in sectors}
        self.call = call
        self.opa_configured = opa_configured
        self.attended_available = attended_transfer_available
        self.submitted = False
        self.item_rows: dict[int, OutboxItemRow] = {}

        layout = QVBoxLayout(self)
        who = single_line(customer_name) or self.tr("cliente não identificado")
        about = self.tr("Caso de {who}").format(who=who)
        if call is not None:
            about += " · " + self.tr("ligação de {number}").format(
                number=call.number or self.tr("número oculto"))
        self.about_label = PlainLabel(about, limit=300)
        layout.addWidget(self.about_label)
        checked = section_names(self, sections)
        self.sections_label = PlainLabel(
            self.tr("Seções verificadas na ficha: {sections}.").format(sections=", ".join(checked))
            if checked else self.tr("Nenhuma seção da ficha foi verificada."), limit=300)
        layout.addWidget(self.sections_label)

        form = QFormLayout()
        self.sector_combo = QComboBox()
        self.sector_combo.addItem(self.tr("Escolha o setor…"), "")
        for sector in sectors:
            self.sector_combo.addItem(clip(single_line(sector.name), 80), sector.name)
        self.sector_combo.currentIndexChanged.connect(self._sector_changed)
        form.addRow(self.tr("Setor"), self.sector_combo)

        self.discord_box = QCheckBox(self.tr("Avisar no canal do Discord do setor"))
        self.opa_box = QCheckBox(self.tr("Registrar no OPA e avisar os atendentes do setor"))
        self.transfer_box = QCheckBox(self.tr("Transferir a ligação"))
        for box in (self.discord_box, self.opa_box, self.transfer_box):
            box.toggled.connect(self._validate)
        self.blind_radio = QRadioButton(self.tr("Direta (sem consulta)"))
        self.attended_radio = QRadioButton(self.tr("Assistida (falar antes com o setor)"))
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.blind_radio)
        self.mode_group.addButton(self.attended_radio)
        self.blind_radio.setChecked(True)
        self.transfer_box.toggled.connect(self._update_modes)
        modes = QHBoxLayout()
        modes.addSpacing(20)
        modes.addWidget(self.blind_radio)
        modes.addWidget(self.attended_radio)
        modes.addStretch(1)
        destinations = QVBoxLayout()
        destinations.addWidget(self.discord_box)
        destinations.addWidget(self.opa_box)
        destinations.addWidget(self.transfer_box)
        destinations.addLayout(modes)
        self.why_label = PlainLabel(limit=600)
        self.why_label.setEnabled(False)
        destinations.addWidget(self.why_label)
        form.addRow(self.tr("Destinos"), destinations)

        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(self.tr("O que o setor precisa saber"))
        self.note_edit.textChanged.connect(self._validate)
        form.addRow(self.tr("Observação"), self.note_edit)
        layout.addLayout(form)

        self.problems_label = PlainLabel(limit=400)
        layout.addWidget(self.problems_label)
        self.limitations_label = PlainLabel(limit=3000)
        self.limitations_label.setObjectName("limitations")
        bg, fg, border = ALERT_COLORS
        self.limitations_label.setStyleSheet(
            f"QLabel {{ background: {bg}; color: {fg}; border: 2px solid {border}; "
            "border-radius: 4px; padding: 6px; }")
        self.limitations_label.hide()
        layout.addWidget(self.limitations_label)
        self.result_label = PlainLabel(limit=1000)
        self.result_label.hide()
        layout.addWidget(self.result_label)
        self.items_box = QVBoxLayout()
        layout.addLayout(self.items_box)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.forward_button = QPushButton(self.tr("Encaminhar"))
        self.forward_button.setDefault(True)
        self.forward_button.clicked.connect(self._submit)
        self.close_button = QPushButton(self.tr("Fechar"))
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.forward_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self._sector_changed()

    # --- choosing -----------------------------------------------------------------------------

    def current_sector(self) -> Sector | None:
        return self.sectors.get(str(self.sector_combo.currentData() or ""))

    def choose_sector(self, name: str) -> bool:
        index = self.sector_combo.findData(name)
        if index > 0:
            self.sector_combo.setCurrentIndex(index)
        return index > 0

    def _sector_changed(self) -> None:
        self._availability(reset=True)

    def _availability(self, *, reset: bool) -> None:
        """Enable what the sector can take; ``reset`` re-checks the defaults (a new sector)."""
        sector = self.current_sector()
        why: list[str] = []
        call_up = self.call is not None and bool(self.call.live_call_id)
        can_discord = sector is not None and bool(sector.discord_webhook)
        can_opa = sector is not None and bool(sector.opa_department) and self.opa_configured
        can_transfer = sector is not None and bool(sector.transfer_to) and call_up
        if sector is not None:
            if not sector.discord_webhook:
                why.append(self.tr("O setor não tem webhook do Discord configurado."))
            if not self.opa_configured:
                why.append(self.tr("O OPA não está configurado."))
            elif not sector.opa_department:
                why.append(self.tr("O setor não tem departamento do OPA configurado."))
            if not sector.transfer_to:
                why.append(self.tr("O setor não tem fila ou ramal para transferência."))
            elif not call_up:
                why.append(self.tr("Não há ligação em andamento para transferir."))
        for box, allowed in ((self.discord_box, can_discord), (self.opa_box, can_opa),
                             (self.transfer_box, can_transfer)):
            box.setEnabled(allowed and not self.submitted)
            if reset or not allowed:
                box.setChecked(allowed and box is not self.transfer_box)
        if sector is not None and sector.transfer_to:
            self.transfer_box.setText(self.tr("Transferir a ligação para {target}").format(
                target=sector.transfer_to))
        else:
            self.transfer_box.setText(self.tr("Transferir a ligação"))
        self.why_label.set_plain("\n".join(why))
        self.why_label.setVisible(bool(why))
        self._update_modes()
        self._validate()

    def _update_modes(self) -> None:
        on = self.transfer_box.isChecked() and self.transfer_box.isEnabled()
        self.blind_radio.setEnabled(on)
        self.attended_radio.setEnabled(on and self.attended_available)
        self.attended_radio.setToolTip("" if self.attended_available else self.tr(
            "A transferência assistida não está disponível nesta versão."))
        if not self.attended_available:
            self.blind_radio.setChecked(True)

    def problems(self) -> list[str]:
        found: list[str] = []
        if self.current_sector() is None:
            found.append(self.tr("Escolha o setor."))
        elif not any(b.isChecked() and b.isEnabled()
                     for b in (self.discord_box, self.opa_box, self.transfer_box)):
            found.append(self.tr("Escolha ao menos um destino."))
        if len(self.note_edit.toPlainText()) > NOTE_MAX:
            found.append(self.tr("A observação passou de {n} caracteres.").format(n=NOTE_MAX))
        return found

    def _validate(self) -> None:
        if self.submitted:
            return
        problems = self.problems()
        self.forward_button.setEnabled(not problems)
        self.problems_label.set_plain("\n".join(problems))
        self.problems_label.setVisible(bool(problems))

    def submission(self) -> ForwardSubmission:
        sector = self.current_sector()
        assert sector is not None
        transfer: TransferMode | None = None
        if self.transfer_box.isChecked() and self.transfer_box.isEnabled():
            transfer = (TransferMode.ATTENDED if self.attended_radio.isChecked()
                        and self.attended_available else TransferMode.BLIND)
        return ForwardSubmission(
            sector=sector.name, note=self.note_edit.toPlainText().strip(),
            to_discord=self.discord_box.isChecked() and self.discord_box.isEnabled(),
            to_opa=self.opa_box.isChecked() and self.opa_box.isEnabled(), transfer=transfer)

    def _submit(self) -> None:
        if self.submitted or self.problems():
            return
        submission = self.submission()
        self._set_form_enabled(False)
        self.submitted = True
        self.forward_button.setEnabled(False)
        self.result_label.set_plain(self.tr("Encaminhando…"))
        self.result_label.show()
        self.forward_requested.emit(submission)

    def _set_form_enabled(self, enabled: bool) -> None:
        for widget in (self.sector_combo, self.note_edit, self.discord_box, self.opa_box,
                       self.transfer_box, self.blind_radio, self.attended_radio):
            widget.setEnabled(enabled)
        if enabled:
            self._availability(reset=False)

    # --- results from the controller ----------------------------------------------------------

    def show_refused(self, message: str) -> None:
        self.submitted = False
        self._set_form_enabled(True)
        self.result_label.set_plain(message)
        self.result_label.show()
        self._validate()

    def show_result(self, items: Sequence[OutboxItem], limitations: Sequence[str],
                    transfer_text: str = "") -> None:
        """What was queued (each row then follows :meth:`show_item`) and what could not be done."""
        lines = [self.tr("Encaminhado. Os envios continuam mesmo se esta janela for fechada.")
                 if items else self.tr("Nada foi enviado.")]
        if transfer_text:
            lines.append(transfer_text)
        self.result_label.set_plain("\n".join(lines))
        self.result_label.show()
        self.limitations_label.set_plain("\n".join(f"• {text}" for text in limitations))
        self.limitations_label.setVisible(bool(limitations))
        for item in items:
            self.show_item(item)
        grow_to_fit(self)

    def show_item(self, item: OutboxItem) -> None:
        row = self.item_rows.get(item.id)
        if row is None:
            row = OutboxItemRow(item)
            row.retry_requested.connect(self.retry_requested)
            self.item_rows[item.id] = row
            self.items_box.addWidget(row)
            grow_to_fit(self)
        else:
            row.set_item(item)

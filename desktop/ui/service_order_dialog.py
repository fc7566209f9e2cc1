""""Abrir OS": subject and sector picked from IXC's lists (``su_oss_assunto``, the sectors),
priority, description (prefilled from the call) and an optional visit date. Returns the values;
the desk opens the OS in IXC.

The pick lists are editable: before IXC's lists are cached (or for a sector the list lacks) the
agent can still type an id, as before."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QWidget,
)

from desktop.i18n import N_, tr

_CONTEXT = "service_order"
PRIORITY_LABELS = {"B": N_(_CONTEXT, "Baixa"), "N": N_(_CONTEXT, "Normal"),
                   "A": N_(_CONTEXT, "Alta"), "C": N_(_CONTEXT, "Crítica")}


@dataclass(frozen=True)
class ServiceOrderForm:
    subject_id: int
    sector_id: int | None
    priority: str
    description: str
    visit: datetime | None


def _pick_list(items: Sequence[tuple[str, str]], chosen: str, placeholder: str) -> QComboBox:
    """An editable combo of (id, label) rows showing "label (id)", ``chosen`` selected."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for item_id, label in items:
        combo.addItem(f"{label} ({item_id})", item_id)
    edit = combo.lineEdit()
    if edit is not None:
        edit.setPlaceholderText(placeholder)
    index = combo.findData(chosen)
    if index >= 0:
        combo.setCurrentIndex(index)
    else:
        combo.setEditText(chosen)
    return combo


def picked_id(combo: QComboBox) -> str:
    """The id of the row shown, or what the agent typed (an id, or "label (id)")."""
    text = combo.currentText().strip()
    index = combo.findText(text)
    if index >= 0:
        return str(combo.itemData(index))
    if text.endswith(")") and "(" in text:
        text = text[text.rindex("(") + 1:-1].strip()
    return text


class ServiceOrderDialog(QDialog):
    def __init__(self, description: str, subject: str, sector: str, now: datetime,
                 parent: QWidget | None = None, *,
                 subjects: Sequence[tuple[str, str]] = (),
                 sectors: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Abrir OS"))
        form = QFormLayout(self)
        self.subject = _pick_list(subjects, subject, self.tr("assunto ou id (su_oss_assunto)"))
        self.sector = _pick_list(sectors, sector, self.tr("setor ou id"))
        self.priority = QComboBox()
        for code in PRIORITY_LABELS:
            self.priority.addItem(tr(_CONTEXT, PRIORITY_LABELS[code]), code)
        self.priority.setCurrentIndex(1)
        self.description = QPlainTextEdit(description)
        self.schedule = QCheckBox(self.tr("Agendar visita"))
        self.visit = QDateTimeEdit(QDateTime(now.year, now.month, now.day, now.hour, now.minute, 0)
                                   .addDays(1))
        self.visit.setCalendarPopup(True)
        self.visit.setEnabled(False)
        self.schedule.toggled.connect(self.visit.setEnabled)
        form.addRow(self.tr("Assunto"), self.subject)
        form.addRow(self.tr("Setor"), self.sector)
        form.addRow(self.tr("Prioridade"), self.priority)
        form.addRow(self.tr("Descrição"), self.description)
        form.addRow(self.schedule, self.visit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> ServiceOrderForm | None:
        subject = picked_id(self.subject)
        sector = picked_id(self.sector)
        if not subject.isdigit() or (sector and not sector.isdigit()):
            return None
        visit = self.visit.dateTime().toPython() if self.schedule.isChecked() else None
        return ServiceOrderForm(int(subject), int(sector) if sector else None,
                                str(self.priority.currentData()),
                                self.description.toPlainText().strip(),
                                visit if isinstance(visit, datetime) else None)

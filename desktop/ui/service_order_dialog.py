""""Abrir OS": subject, sector, priority, description (prefilled from the call) and an optional
visit date. Returns the values; the desk opens the OS in IXC."""

from __future__ import annotations

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
    QLineEdit,
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


class ServiceOrderDialog(QDialog):
    def __init__(self, description: str, subject: str, sector: str, now: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Abrir OS"))
        form = QFormLayout(self)
        self.subject = QLineEdit(subject)
        self.subject.setPlaceholderText(self.tr("id do assunto (su_oss_assunto)"))
        self.sector = QLineEdit(sector)
        self.sector.setPlaceholderText(self.tr("id do setor"))
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
        subject = self.subject.text().strip()
        sector = self.sector.text().strip()
        if not subject.isdigit() or (sector and not sector.isdigit()):
            return None
        visit = self.visit.dateTime().toPython() if self.schedule.isChecked() else None
        return ServiceOrderForm(int(subject), int(sector) if sector else None,
                                str(self.priority.currentData()),
                                self.description.toPlainText().strip(),
                                visit if isinstance(visit, datetime) else None)

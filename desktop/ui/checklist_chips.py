"""The popup's checklist: one chip each for OS, Financeiro and Conexão, filled once its tab is seen.

The house rule is that every call checks what the case needs; the chips show at a glance what the
agent has not looked at yet on this call. The card tells which tabs the agent opened
(:meth:`~desktop.ui.customer_card.CustomerCard.opened_sections`); updates only repaint.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop.ixc.models import Section
from desktop.ui.customer_badges import Tone
from desktop.ui.text_widgets import TONE_COLORS

CHECKLIST_SECTIONS = (Section.SERVICE_ORDERS, Section.INVOICES, Section.CONNECTIONS)


class ChecklistChips(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistChips")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Verificado:"))
        title.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(title)
        names = {Section.SERVICE_ORDERS: self.tr("OS"), Section.INVOICES: self.tr("Financeiro"),
                 Section.CONNECTIONS: self.tr("Conexão")}
        self.chips: dict[Section, QLabel] = {}
        for section in CHECKLIST_SECTIONS:
            chip = QLabel()
            chip.setTextFormat(Qt.TextFormat.PlainText)
            chip.setProperty("name", names[section])
            self.chips[section] = chip
            layout.addWidget(chip)
        layout.addStretch(1)
        self.viewed: frozenset[Section] = frozenset()
        self.set_viewed(frozenset())

    def set_viewed(self, viewed: frozenset[Section]) -> None:
        self.viewed = frozenset(s for s in viewed if s in self.chips)
        for section, chip in self.chips.items():
            seen = section in self.viewed
            bg, fg = TONE_COLORS[Tone.GOOD if seen else Tone.NEUTRAL]
            # a mark as well as the colour: readable without telling green from grey
            chip.setText(("✓ " if seen else "○ ") + str(chip.property("name")))
            chip.setToolTip(self.tr("Aberto nesta ligação") if seen else
                            self.tr("Ainda não aberto nesta ligação"))
            chip.setStyleSheet(f"QLabel {{ background: {bg}; color: {fg}; border-radius: 9px; "
                               "padding: 2px 8px; }")

    def is_filled(self, section: Section) -> bool:
        return section in self.viewed

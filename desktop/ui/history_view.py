"""The call history: a table the app fills from the store, with missed/answered/not-logged filters.

The widget never reads the database: it asks for a filter (``filter_changed``) and the app
answers with :meth:`HistoryView.set_entries`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.phone import format_number
from desktop.ui.formatting import clip, single_line
from desktop.ui.view_models import HistoryEntry, HistoryFilter

Index = QModelIndex | QPersistentModelIndex


class HistoryTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[HistoryEntry] = []
        self.headers = [self.tr("Quando"), self.tr("Número"), self.tr("Nome"),
                        self.tr("Cliente"), self.tr("Situação"), self.tr("Duração"),
                        self.tr("Atendimento")]

    def set_entries(self, entries: Sequence[HistoryEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        e = self.entries[index.row()]
        column = index.column()
        if column == 0:
            return e.started_at.strftime("%d/%m %H:%M")
        if column == 1:
            return format_number(e.number) if e.number else self.tr("Número oculto")
        if column == 2:
            return clip(single_line(e.display_name), 60)
        if column == 3:
            return clip(single_line(e.customer_name), 60)
        if column == 4:
            if not e.incoming:
                return self.tr("Realizada")
            return self.tr("Atendida") if e.answered else self.tr("Perdida")
        if column == 5:
            return f"{e.duration_s // 60}:{e.duration_s % 60:02d}" if e.answered else ""
        if column == 6:
            if not e.answered:
                return ""
            return self.tr("Registrado") if e.logged else self.tr("Não registrado")
        return None


class HistoryView(QWidget):
    filter_changed = Signal(object)      # HistoryFilter
    call_back_requested = Signal(str)    # number (double-click a row)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.filter_buttons: dict[HistoryFilter, QRadioButton] = {}
        labels = {
            HistoryFilter.ALL: self.tr("Todas"),
            HistoryFilter.MISSED: self.tr("Perdidas"),
            HistoryFilter.ANSWERED: self.tr("Atendidas"),
            HistoryFilter.NOT_LOGGED: self.tr("Sem registro de atendimento"),
        }
        for filt, label in labels.items():
            button = QRadioButton(label)
            button.toggled.connect(lambda on, f=filt: self._toggled(on, f))
            self.group.addButton(button)
            self.filter_buttons[filt] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.model = HistoryTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._call_back)
        layout.addWidget(self.table, 1)
        self.filter_buttons[HistoryFilter.ALL].setChecked(True)

    def _toggled(self, on: bool, filt: HistoryFilter) -> None:
        if on:
            self.filter_changed.emit(filt)

    def current_filter(self) -> HistoryFilter:
        return next(f for f, b in self.filter_buttons.items() if b.isChecked())

    def set_entries(self, entries: Sequence[HistoryEntry]) -> None:
        self.model.set_entries(entries)

    def _call_back(self, index: QModelIndex) -> None:
        number = self.model.entries[index.row()].number
        if number:
            self.call_back_requested.emit(number)

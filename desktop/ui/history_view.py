"""The call history: a table the app fills from the store, with missed/answered/not-logged filters.

The widget never reads the database: it asks for a filter (``filter_changed``) and the app
answers with :meth:`HistoryView.set_entries`. "Registrar atendimento" and "Encaminhar" (buttons
under the table, and the row's context menu) emit the row's history id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.phone.numbers import format_number
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

    def situation(self, e: HistoryEntry) -> str:
        if not e.outcome and not e.answered and e.history_id is not None:
            return self.tr("Em andamento")
        if e.outcome == "transferred":
            return self.tr("Transferida para {target}").format(target=e.transferred_to) \
                if e.transferred_to else self.tr("Transferida")
        if e.incoming:
            return self.tr("Atendida") if e.answered else self.tr("Perdida")
        if e.answered:
            return self.tr("Efetuada")
        if e.outcome == "rejected":
            return self.tr("Efetuada · ocupado/recusada")
        if e.outcome == "failed":
            return self.tr("Efetuada · falhou")
        return self.tr("Efetuada · não atendida")

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
            return self.situation(e)
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
    log_requested = Signal(int)          # history id: "Registrar atendimento" for that call
    forward_requested = Signal(int)      # history id: "Encaminhar" that call's case
    recording_requested = Signal(int)    # history id: "Gravação" of that call (3CX XAPI)

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
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # numbers, dates and states fit their text; the names share what is left
        for column in range(self.model.columnCount()):
            mode = (QHeaderView.ResizeMode.Stretch if column in (2, 3)
                    else QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(column, mode)
        self.table.doubleClicked.connect(self._call_back)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.log_button = QPushButton(self.tr("Registrar atendimento"))
        self.log_button.clicked.connect(self._log_selected)
        self.forward_button = QPushButton(self.tr("Encaminhar"))
        self.forward_button.clicked.connect(self._forward_selected)
        actions.addWidget(self.log_button)
        actions.addWidget(self.forward_button)
        # 3CX's recording of the call: shown only when the desk has XAPI (set_recordings_available)
        self.recording_button = QPushButton(self.tr("Gravação"))
        self.recording_button.setToolTip(self.tr("Ouvir ou salvar a gravação desta chamada no "
                                                 "3CX."))
        self.recording_button.clicked.connect(self._recording_selected)
        self.recording_button.hide()
        actions.addWidget(self.recording_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.filter_buttons[HistoryFilter.ALL].setChecked(True)
        self._update_actions()

    def _toggled(self, on: bool, filt: HistoryFilter) -> None:
        if on:
            self.filter_changed.emit(filt)

    def current_filter(self) -> HistoryFilter:
        return next(f for f, b in self.filter_buttons.items() if b.isChecked())

    def set_entries(self, entries: Sequence[HistoryEntry]) -> None:
        selected = self.selected_entry()
        self.model.set_entries(entries)
        if selected is not None and selected.history_id is not None:
            self.select_history_id(selected.history_id)
        self._update_actions()

    # --- row actions ------------------------------------------------------------------------

    def selected_entry(self) -> HistoryEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.model.entries):
            return None
        return self.model.entries[rows[0].row()]

    def select_history_id(self, history_id: int) -> bool:
        for row, entry in enumerate(self.model.entries):
            if entry.history_id == history_id:
                self.table.selectRow(row)
                return True
        return False

    @staticmethod
    def can_log(entry: HistoryEntry | None) -> bool:
        """Only answered calls are attendances; a logged one is not logged twice from here."""
        return (entry is not None and entry.history_id is not None and entry.answered
                and not entry.logged)

    @staticmethod
    def can_forward(entry: HistoryEntry | None) -> bool:
        return entry is not None and entry.history_id is not None

    def _update_actions(self) -> None:
        entry = self.selected_entry()
        self.log_button.setEnabled(self.can_log(entry))
        self.forward_button.setEnabled(self.can_forward(entry))
        self.recording_button.setEnabled(entry is not None and entry.answered)
        if entry is None:
            tip = self.tr("Escolha uma chamada na lista.")
            self.log_button.setToolTip(tip)
            self.forward_button.setToolTip(tip)
            return
        if entry.logged:
            self.log_button.setToolTip(self.tr("Esta chamada já foi registrada."))
        elif not entry.answered:
            self.log_button.setToolTip(self.tr("Só chamadas atendidas são registradas."))
        else:
            self.log_button.setToolTip(self.tr("Registrar o atendimento desta chamada no IXC."))
        self.forward_button.setToolTip(self.tr("Encaminhar o caso desta chamada a um setor."))

    def _log_selected(self) -> None:
        entry = self.selected_entry()
        if self.can_log(entry):
            assert entry is not None and entry.history_id is not None
            self.log_requested.emit(entry.history_id)

    def _forward_selected(self) -> None:
        entry = self.selected_entry()
        if self.can_forward(entry):
            assert entry is not None and entry.history_id is not None
            self.forward_requested.emit(entry.history_id)

    def set_recordings_available(self, available: bool) -> None:
        self.recording_button.setVisible(available)

    def _recording_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None and entry.history_id is not None and entry.answered:
            self.recording_requested.emit(entry.history_id)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        menu = QMenu(self)
        log_action = menu.addAction(self.tr("Registrar atendimento"), self._log_selected)
        log_action.setEnabled(self.log_button.isEnabled())
        forward_action = menu.addAction(self.tr("Encaminhar"), self._forward_selected)
        forward_action.setEnabled(self.forward_button.isEnabled())
        if not self.recording_button.isHidden():
            menu.addAction(self.tr("Gravação"), self._recording_selected).setEnabled(
                self.recording_button.isEnabled())
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _call_back(self, index: QModelIndex) -> None:
        number = self.model.entries[index.row()].number
        if number:
            self.call_back_requested.emit(number)

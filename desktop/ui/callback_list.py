"""The "Retornar" tab: calls to return (missed, or answered elsewhere and never logged), one click
to call back.

Only calls whose customer is identified are listed (the agent calls back knowing who); a
callback that was not answered keeps the call in the list with how many attempts were made.
The rows are plain values built by :mod:`desktop.desk.callbacks`; the widget only emits which
call the agent wants to return.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.phone.numbers import format_number
from desktop.ui.formatting import clip, format_datetime, single_line
from desktop.ui.text_widgets import PlainLabel


@dataclass(frozen=True)
class CallbackEntry:
    history_id: int
    number: str
    customer_name: str
    started_at: datetime            # local time, as shown
    answered_elsewhere: bool = False
    attempts: int = 0               # callbacks placed and not answered
    last_attempt_at: datetime | None = None


class CallbackList(QWidget):
    call_back_requested = Signal(int)     # history id of the call to return

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.summary = PlainLabel(limit=200)
        layout.addWidget(self.summary)
        self.list = QListWidget()
        self.list.itemDoubleClicked.connect(lambda _item: self._request())
        self.list.currentItemChanged.connect(lambda *_: self._update_button())
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.call_button = QPushButton(self.tr("Retornar ligação"))
        self.call_button.setToolTip(self.tr("Liga para o cliente; o atendimento do retorno fica "
                                            "ligado à chamada perdida"))
        self.call_button.clicked.connect(self._request)
        buttons.addWidget(self.call_button)
        layout.addLayout(buttons)
        self.entries: list[CallbackEntry] = []
        self.set_entries([])

    def set_entries(self, entries: Sequence[CallbackEntry]) -> None:
        keep = self.current_history_id()
        self.entries = list(entries)
        self.list.clear()
        for entry in self.entries:
            item = QListWidgetItem(self.row_text(entry))
            item.setData(Qt.ItemDataRole.UserRole, entry.history_id)
            self.list.addItem(item)
            if entry.history_id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.summary.set_plain(self.tr("Nenhuma ligação a retornar.") if not self.entries else
                               self.tr("Ligações a retornar: {n}").format(n=len(self.entries)))
        self._update_button()

    def row_text(self, entry: CallbackEntry) -> str:
        what = (self.tr("atendida em outro aparelho, sem registro") if entry.answered_elsewhere
                else self.tr("perdida"))
        text = (f"{clip(single_line(entry.customer_name), 60)} · "
                f"{format_number(entry.number)} · {what} {format_datetime(entry.started_at)}")
        if entry.attempts:
            text += " · " + self.tr("{n} retorno(s) sem resposta, último às {when}").format(
                n=entry.attempts, when=entry.last_attempt_at.strftime("%H:%M")
                if entry.last_attempt_at else "—")
        return text

    def current_history_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def select_history_id(self, history_id: int) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == history_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def _update_button(self) -> None:
        self.call_button.setEnabled(self.current_history_id() is not None)

    def _request(self) -> None:
        history_id = self.current_history_id()
        if history_id is not None:
            self.call_back_requested.emit(history_id)

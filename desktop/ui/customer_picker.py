"""Choosing a customer: the pick list when a number matches several, and the search box.

A family sharing one phone, or a company with several contracts, matches several customers; the
agent picks the caller by name, masked CPF/CNPJ and address. When nothing matches, the agent
searches by name, CPF/CNPJ or another phone.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.formatting import clip, mask_document, single_line
from desktop.ui.text_widgets import PlainLabel
from desktop.ui.view_models import CustomerSummary


def summary_text(summary: CustomerSummary) -> str:
    parts = [clip(single_line(summary.name), 80), mask_document(summary.document),
             clip(single_line(summary.address), 100)]
    return "\n".join(p for p in parts if p)


class CustomerPickList(QWidget):
    """A list of customers (item text is always plain); emits the chosen customer's id."""

    customer_chosen = Signal(int)

    def __init__(self, prompt: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.prompt = PlainLabel(prompt)
        layout.addWidget(self.prompt)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        layout.addWidget(self.list, 1)

    def set_customers(self, customers: Sequence[CustomerSummary]) -> None:
        current = self.list.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole) if current else None
        self.list.clear()
        for summary in customers:
            item = QListWidgetItem(summary_text(summary))
            item.setData(Qt.ItemDataRole.UserRole, summary.customer_id)
            self.list.addItem(item)
            if summary.customer_id == keep:
                self.list.setCurrentItem(item)

    def customer_ids(self) -> list[int]:
        return [int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.list.count())]

    def _chosen(self, item: QListWidgetItem) -> None:
        self.customer_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))


class CustomerSearchBox(QWidget):
    """Search IXC by name, CPF/CNPJ or phone; results in a pick list."""

    search_requested = Signal(str)
    customer_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Nome, CPF/CNPJ ou telefone"))
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self._search)
        self.button = QPushButton(self.tr("Buscar"))
        self.button.clicked.connect(self._search)
        row.addWidget(self.query, 1)
        row.addWidget(self.button)
        layout.addLayout(row)
        self.status = PlainLabel("")
        layout.addWidget(self.status)
        self.results = CustomerPickList()
        self.results.customer_chosen.connect(self.customer_chosen)
        self.results.hide()   # an empty list is just a white box: shown with the first results
        layout.addWidget(self.results, 1)
        layout.addStretch(0)

    def set_available(self, available: bool, reason: str = "") -> None:
        """Disable the box (with the reason as tooltip) when the IXC service cannot search."""
        for widget in (self.query, self.button):
            widget.setEnabled(available)
            widget.setToolTip("" if available else reason)
        if not available:
            self.status.set_plain(reason)

    def set_busy(self) -> None:
        self.status.set_plain(self.tr("Buscando no IXC…"))

    def set_results(self, customers: Sequence[CustomerSummary]) -> None:
        self.results.set_customers(customers)
        self.results.setVisible(bool(customers))
        self.status.set_plain(self.tr("%n cliente(s) encontrado(s)", "", len(customers))
                              if customers else self.tr("Nenhum cliente encontrado."))

    def set_status(self, message: str) -> None:
        self.status.set_plain(message)

    def set_error(self, message: str) -> None:
        self.results.set_customers([])
        self.results.hide()
        self.status.set_plain(message)

    def _search(self) -> None:
        text = self.query.text().strip()
        if len(text) >= 3:
            self.set_busy()
            self.search_requested.emit(text)
        else:
            self.status.set_plain(self.tr("Digite pelo menos 3 caracteres."))

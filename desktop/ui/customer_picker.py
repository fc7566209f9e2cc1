"""Choosing a customer: the pick list when a number matches several, and the search box.

A family sharing one phone, or a company with several contracts, matches several customers; the
agent picks the caller by name, masked CPF/CNPJ and address. When nothing matches, the agent
searches by name, CPF/CNPJ or another phone.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import tr
from desktop.ui.customer_badges import Tone
from desktop.ui.formatting import clip, mask_document, single_line
from desktop.ui.text_widgets import TONE_COLORS, PlainLabel, plain_tooltip
from desktop.ui.view_models import CustomerLine

Index = QModelIndex | QPersistentModelIndex
_CONTEXT = "customer_picker"


SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1        # the item's CustomerLine, for the delegate
VISIBLE_ROWS = 5          # the list grows with its entries up to this many, then scrolls
_PAD_X, _PAD_Y, _LINE_GAP = 8, 6, 2


def summary_text(summary: CustomerLine) -> str:
    """The entry as plain text (the item's text: accessibility, copy, tests)."""
    parts = [clip(single_line(summary.name), 80), mask_document(summary.document),
             clip(single_line(summary.address), 100)]
    return "\n".join(p for p in parts if p)


def status_hint(summary: CustomerLine) -> tuple[str, Tone] | None:
    if summary.blocked:
        return tr(_CONTEXT, "Bloqueado"), Tone.BAD
    if summary.active is None:
        return None
    return ((tr(_CONTEXT, "Ativo"), Tone.GOOD) if summary.active
            else (tr(_CONTEXT, "Inativo"), Tone.NEUTRAL))


def detail_line(summary: CustomerLine) -> str:
    parts = [mask_document(summary.document), clip(single_line(summary.address), 140)]
    return " · ".join(p for p in parts if p)


class CustomerEntryDelegate(QStyledItemDelegate):
    """Paints an entry as two lines: the name in bold with the status hint on the right, then
    the masked CPF/CNPJ and the address in the palette's secondary colour; a rule between
    entries. Everything is drawn with ``drawText`` (plain text: no markup is ever interpreted)
    and elided to the width."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        bold, normal = self._fonts(option)
        height = (QFontMetrics(bold).height() + _LINE_GAP + QFontMetrics(normal).height()
                  + 2 * _PAD_Y + 1)
        return QSize(max(option.rect.width(), 200), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        summary = index.data(SUMMARY_ROLE)
        if not isinstance(summary, CustomerLine):
            super().paint(painter, option, index)
            return
        painter.save()
        style_option = QStyleOptionViewItem(option)
        self.initStyleOption(style_option, index)
        style_option.text = ""       # the background/selection only; the text is drawn below
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, style_option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = (QPalette.ColorRole.HighlightedText if selected
                     else QPalette.ColorRole.Text)
        rect = option.rect.adjusted(_PAD_X, _PAD_Y, -_PAD_X, -_PAD_Y)
        bold, normal = self._fonts(option)
        bold_metrics, metrics = QFontMetrics(bold), QFontMetrics(normal)

        hint = status_hint(summary)
        name_width = rect.width()
        if hint is not None:
            text, tone = hint
            background, foreground = TONE_COLORS[tone]
            pill_width = metrics.horizontalAdvance(text) + 12
            pill = QRect(rect.right() - pill_width + 1, rect.top(), pill_width,
                         bold_metrics.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(background))
            painter.drawRoundedRect(pill, 4, 4)
            painter.setPen(QColor(foreground))
            painter.setFont(normal)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
            name_width -= pill_width + 8
        painter.setPen(palette.color(text_role))
        painter.setFont(bold)
        name = clip(single_line(summary.name), 160) or tr(_CONTEXT, "(sem nome)")
        painter.drawText(QRect(rect.left(), rect.top(), name_width, bold_metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         bold_metrics.elidedText(name, Qt.TextElideMode.ElideRight,
                                                 name_width))
        secondary = QColor(palette.color(text_role))
        if not selected:
            secondary.setAlphaF(0.62)      # a softer shade of the text colour, light or dark
        painter.setPen(secondary)
        painter.setFont(normal)
        top = rect.top() + bold_metrics.height() + _LINE_GAP
        painter.drawText(QRect(rect.left(), top, rect.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(detail_line(summary), Qt.TextElideMode.ElideRight,
                                            rect.width()))
        if index.row() < index.model().rowCount() - 1:     # a rule between entries
            painter.setPen(QColor(palette.color(QPalette.ColorRole.Mid)))
            painter.drawLine(option.rect.left() + _PAD_X, option.rect.bottom(),
                             option.rect.right() - _PAD_X, option.rect.bottom())
        painter.restore()


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
        self.list.setItemDelegate(CustomerEntryDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setMouseTracking(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        layout.addWidget(self.list)
        layout.addStretch(1)     # the list is as tall as its entries; the rest stays empty
        self._fit_height()

    def set_customers(self, customers: Sequence[CustomerLine]) -> None:
        current = self.list.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole) if current else None
        self.list.clear()
        for summary in customers:
            item = QListWidgetItem(summary_text(summary))
            item.setData(Qt.ItemDataRole.UserRole, summary.customer_id)
            item.setData(SUMMARY_ROLE, summary)
            hint = status_hint(summary)
            item.setToolTip(plain_tooltip(summary_text(summary)
                                          + (f"\n{hint[0]}" if hint is not None else "")))
            self.list.addItem(item)
            if summary.customer_id == keep:
                self.list.setCurrentItem(item)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the entries (at least one, at most VISIBLE_ROWS), so a family of three
        is not a short list at the top of a big white box."""
        rows = min(max(self.list.count(), 1), VISIBLE_ROWS)
        option = QStyleOptionViewItem()
        option.font = self.list.font()
        row = self.list.itemDelegate().sizeHint(option, QModelIndex()).height()
        self.list.setFixedHeight(rows * row + 2 * self.list.frameWidth())

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

    def set_results(self, customers: Sequence[CustomerLine]) -> None:
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

"""Small widgets for text that comes from outside (IXC, caller ID): always plain, always wraps.

QLabel guesses rich text (``Qt::AutoText``): a customer named ``<img src=...>`` would render
markup. Every label that shows external data is a :class:`PlainLabel`, and tooltips (which also
guess) get escaped HTML.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QToolButton, QWidget

from desktop.ui.customer_badges import Tone
from desktop.ui.formatting import clip, wrappable
from desktop.ui.qt_lifetime import dispose_later

# (background, foreground): fixed pairs with enough contrast on light and dark window colours
TONE_COLORS: dict[Tone, tuple[str, str]] = {
    Tone.GOOD: ("#2e7d32", "#ffffff"),
    Tone.BAD: ("#c62828", "#ffffff"),
    Tone.WARN: ("#ffb300", "#000000"),
    Tone.INFO: ("#1565c0", "#ffffff"),
    Tone.NEUTRAL: ("#616161", "#ffffff"),
}
ALERT_COLORS = ("#fff3cd", "#4a3300", "#ffb300")  # background, text, border


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally (tooltips render anything tag-like as HTML)."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>" if text else ""


class PlainLabel(QLabel):
    """A label for external text: plain text, wraps long runs, clipped to ``limit`` characters."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, limit: int = 500,
                 wrap: bool = True, selectable: bool = True) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(wrap)
        self.limit = limit
        self.full_text = ""
        if selectable:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.set_plain(text)

    def set_plain(self, text: str) -> None:
        self.full_text = text
        shown = clip(text, self.limit)
        self.setText(wrappable(shown) if self.wordWrap() else shown)
        self.setToolTip(plain_tooltip(clip(text, 2000)) if shown != text.strip() else "")


class BadgeLabel(QLabel):
    def __init__(self, tone: Tone, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tone = tone
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(clip(text, 120))
        bg, fg = TONE_COLORS[tone]
        self.setStyleSheet(
            f"QLabel {{ background: {bg}; color: {fg}; border-radius: 9px; "
            "padding: 2px 8px; font-weight: bold; }"
        )


class CopyButton(QToolButton):
    """Copies a value to the clipboard; says so on the button for a moment."""

    copied = Signal(str)

    def __init__(self, label: str, value: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = value
        self.label = label
        self.setText(label)
        self.setToolTip(plain_tooltip(value))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.clicked.connect(self._copy)
        # a child timer dies with the button (the card rebuilds its entries as sections arrive)
        self._restore = QTimer(self)
        self._restore.setSingleShot(True)
        self._restore.setInterval(1500)
        self._restore.timeout.connect(lambda: self.setText(self.label))

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.value)
        self.setText(self.tr("Copiado ✓"))
        self._restore.start()
        self.copied.emit(self.value)


class FlowLayout(QLayout):
    """Lays widgets out left to right, wrapping to new rows (for the badge strip)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        # a widget added to a strip already on screen stayed hidden (Qt's deferred show never
        # came under the desk's event loop): the badges vanished on a record update
        widget = item.widget()
        if widget is not None and widget.parentWidget() is not None and not (
                widget.isHidden()
                and widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)):
            widget.show()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        # every row at the current width: squeezed below that (a card action's answer taking
        # the room), the badges vanished instead of the tabs giving way
        width = self.geometry().width()
        if width > 0:
            size.setHeight(max(size.height(), self.heightForWidth(width)))
        return size

    def clear(self) -> None:
        while self._items:
            item = self._items.pop()
            widget = item.widget()
            if widget is not None:
                widget.hide()     # at once: the deferred delete may come after a repaint
                dispose_later(widget)

    def _arrange(self, rect: QRect, apply: bool) -> int:
        x, y, row_height = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() and row_height > 0:
                x, y = rect.x(), y + row_height + self._spacing
                row_height = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y()

"""The card's action widgets: the buttons on contracts, invoices and logins, and the panel that
shows what IXC answered (a PIX code with its QR code, a boleto line, sessions, the ONU signal).

Widgets only: a click emits the card's ``action_requested`` (kind, target id); the desk's
:class:`~desktop.desk.customer_actions.CustomerActions` runs it and calls :meth:`show_result`.
"""

from __future__ import annotations

from collections.abc import Sequence

import segno
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.text_widgets import CopyButton, PlainLabel


def qr_image(text: str, scale: int = 4, border: int = 4) -> QImage:
    """``text`` as a black-on-white QR code (error correction M, as banks print PIX)."""
    code = segno.make_qr(text, error="m")
    rows = list(code.matrix_iter(scale=1, border=border))
    size = len(rows)
    # one pixel per module, then scaled without smoothing: setPixel per screen pixel cost
    # ~15 ms of the click's time on the desk's CPU
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    black = QColor("black").rgb()
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                image.setPixel(x, y, black)
    return image.scaled(size * scale, size * scale, Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.FastTransformation)


class ActionButton(QPushButton):
    """One action on one contract/invoice/login; disabled while it runs (one request per click,
    however fast the agent double-clicks)."""

    def __init__(self, label: str, kind: str, target: int, parent: QWidget | None = None
                 ) -> None:
        super().__init__(label, parent)
        self.kind = kind
        self.target = target
        self.setObjectName(f"action-{kind}-{target}")


class ActionResultPanel(QFrame):
    """What the last action answered, under the badges; hidden until there is something."""

    retry_requested = Signal(str, int)
    # "Enviar no WhatsApp" for the PIX code / 2ª via shown now
    share_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("actionResult")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.title = PlainLabel(limit=200)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.message = PlainLabel(limit=1000)
        self.details = PlainLabel(limit=4000)
        self.code = QPlainTextEdit()
        self.code.setReadOnly(True)
        self.code.setMaximumHeight(120)
        self.qr = QLabel()
        self.qr.setTextFormat(Qt.TextFormat.PlainText)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.retry = QPushButton(self.tr("Tentar de novo"))
        self.retry.clicked.connect(self._retry)
        self.buttons.addWidget(self.retry)
        self.share = QPushButton(self.tr("Enviar no WhatsApp"))
        self.share.setObjectName("shareWhatsApp")
        self.share.clicked.connect(self.share_requested)
        self.buttons.addWidget(self.share)
        self.share_status = PlainLabel(limit=1000)
        for widget in (self.title, self.message, self.details):
            layout.addWidget(widget)
        # the QR code beside its text: stacked, they pushed the card's tabs off a popup
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1, Qt.AlignmentFlag.AlignTop)
        code_row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(code_row)
        layout.addLayout(self.buttons)
        layout.addWidget(self.share_status)
        self.copy_buttons: list[CopyButton] = []
        self._retry_target: tuple[str, int] | None = None
        self.hide()

    def show_result(self, title: str, message: str, *, ok: bool, details: Sequence[str] = (),
                    code: str = "", copies: Sequence[tuple[str, str]] = (),
                    retry: tuple[str, int] | None = None, share: bool = False) -> None:
        self.title.set_plain(title)
        self.message.set_plain(message)
        color = "#2e7d32" if ok else "#c62828"
        self.message.setStyleSheet(f"QLabel {{ color: {color}; }}")
        self.details.set_plain("\n".join(details))
        self.details.setVisible(bool(details))
        self.code.setPlainText(code)
        self.code.setVisible(bool(code))
        if code:
            self.qr.setPixmap(QPixmap.fromImage(qr_image(code, scale=3)))
        self.qr.setVisible(bool(code))
        for button in self.copy_buttons:
            button.deleteLater()
        self.copy_buttons = []
        for label, value in copies:
            if value.strip():
                button = CopyButton(label, value)
                self.buttons.insertWidget(0, button)
                # added to a panel already on screen: a late child stays hidden unless shown
                # (the copy buttons never appeared, though a programmatic click worked)
                button.show()
                self.copy_buttons.append(button)
        self._retry_target = retry
        self.retry.setVisible(retry is not None)
        self.share.setVisible(share)
        self.share.setEnabled(True)
        self.share_status.hide()
        self.show()

    def show_share_status(self, message: str, *, ok: bool) -> None:
        """What OPA answered to "Enviar no WhatsApp", under the code it sent (kept on screen)."""
        self.share_status.set_plain(message)
        color = "#2e7d32" if ok else "#c62828"
        self.share_status.setStyleSheet(f"QLabel {{ color: {color}; }}")
        self.share_status.show()

    def show_running(self, title: str) -> None:
        self.show_result(title, self.tr("Aguardando o IXC…"), ok=True)

    def _retry(self) -> None:
        if self._retry_target is not None:
            kind, target = self._retry_target
            self.retry.hide()
            self.retry_requested.emit(kind, target)

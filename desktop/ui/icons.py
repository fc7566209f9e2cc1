"""Icons: the bundled SVGs, and the tray icon drawn for the line state and missed calls.

The tray icon is painted at run time (base handset + a state dot + a missed-call count in red
at the top right + a count of calls not logged yet in amber at the top left) so one SVG serves
every state and every screen density.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from desktop.ui.view_models import LineState

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
ICONS = RESOURCES / "icons"

# Fixed colours are limited to state markers; each is readable on light and dark panels.
STATE_COLORS: dict[LineState, str] = {
    LineState.REGISTERED: "#2e7d32",
    LineState.REGISTERING: "#f9a825",
    LineState.FAILED: "#c62828",
    LineState.OFFLINE: "#757575",
}
DND_COLOR = "#6a1b9a"
MISSED_COLOR = "#c62828"
NOT_LOGGED_COLOR = "#ef6c00"   # white text on it stays readable (contrast 3.1:1, bold)


def app_icon() -> QIcon:
    return QIcon(str(ICONS / "ramal.svg"))


def resource_icon(name: str) -> QIcon:
    return QIcon(str(ICONS / name))


def _badge(painter: QPainter, rect: QRectF, colour: str, count: int, size: int) -> None:
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(rect, size * 0.2, size * 0.2)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.3))
    painter.setFont(font)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count) if count < 100 else "99+")


def tray_pixmap(state: LineState, dnd: bool, missed: int, size: int = 64,
                not_logged: int = 0) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    app_icon().paint(painter, 0, 0, size, size)
    dot = size * 0.42
    rect = QRectF(size - dot, size - dot, dot, dot)
    painter.setPen(QColor("#ffffff"))
    painter.setBrush(QColor(DND_COLOR if dnd else STATE_COLORS[state]))
    painter.drawEllipse(rect.adjusted(1, 1, -1, -1))
    if dnd:  # a bar across the dot, the usual "do not disturb" sign
        painter.fillRect(QRectF(rect.left() + dot * 0.25, rect.center().y() - dot * 0.08,
                                dot * 0.5, dot * 0.16), QColor("#ffffff"))
    if missed:
        _badge(painter, QRectF(size * 0.5, 0, size * 0.5, size * 0.42), MISSED_COLOR, missed,
               size)
    if not_logged:
        _badge(painter, QRectF(0, 0, size * 0.5, size * 0.42), NOT_LOGGED_COLOR, not_logged,
               size)
    painter.end()
    return pixmap


def tray_icon(state: LineState, dnd: bool, missed: int, not_logged: int = 0) -> QIcon:
    icon = QIcon()
    for size in (16, 22, 24, 32, 48, 64):
        icon.addPixmap(tray_pixmap(state, dnd, missed, size, not_logged))
    return icon

"""Growing a dialog when it gains content after it was shown.

Qt keeps a top-level window at the size it was shown with; when rows or word-wrapped labels are
added later (a result, one row per message sent), the layout squeezes the widgets already there
until their texts overlap. :func:`grow_to_fit` makes the window taller instead, up to the
screen's height.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

_SCREEN_MARGIN = 48   # title bar and panels


def wanted_height(window: QWidget) -> int:
    layout = window.layout()
    if layout is None:
        return window.height()
    layout.activate()
    if layout.hasHeightForWidth():
        height = layout.totalHeightForWidth(window.width())
    else:
        height = layout.totalSizeHint().height()
    return max(height, layout.totalMinimumSize().height())


def grow_to_fit(window: QWidget) -> None:
    """Make ``window`` tall enough for its layout now and once the new children are shown."""

    def fit() -> None:
        height = wanted_height(window)
        screen = window.screen()
        if screen is not None:
            height = min(height, screen.availableGeometry().height() - _SCREEN_MARGIN)
        if height > window.height():
            window.resize(window.width(), height)

    fit()
    # widgets added to a visible layout are shown on the next event-loop pass
    QTimer.singleShot(0, window, fit)

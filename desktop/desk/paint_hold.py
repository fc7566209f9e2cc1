"""Holding a window's repaint until the IXC request the agent is waiting for has left.

On the one GUI thread, the repaint a click queues (the popup turning to "Em chamada") runs
between the event-loop turns httpx needs to write a request, so the request leaves a paint
later. For those few milliseconds (at most ``HOLD_S``) the window's updates are off; turning them
back on repaints it.
"""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import QWidget

from desktop.desk.card_update_batch import loop_scheduler

HOLD_S = 0.025


class PaintHold:
    def __init__(self, widget: QWidget, hold_s: float = HOLD_S) -> None:
        self._widget: QWidget | None = None
        if widget.updatesEnabled():
            widget.setUpdatesEnabled(False)
            self._widget = widget
            try:
                loop_scheduler(hold_s, self.release)
            except RuntimeError:       # no event loop running: nothing to wait for
                self.release()

    @property
    def held(self) -> bool:
        return self._widget is not None

    def release(self) -> None:
        """Repaint now (once; later calls do nothing)."""
        widget, self._widget = self._widget, None
        if widget is not None:
            # RuntimeError: the window was closed and deleted meanwhile
            with contextlib.suppress(RuntimeError):
                widget.setUpdatesEnabled(True)

"""A ring popup built before the call that needs it.

Building a :class:`RingPopup` (its card, search box, pick list, bars) takes ~8 ms of the GUI
thread, and a ringing call cannot spare them: they delay both the popup and the IXC lookup that
fills it. So one popup is built while the desk is idle and handed to the next ringing call
(:meth:`PopupSupply.take` binds it to the call); the next spare is built a little after that
call's card has had its turn. A popup is never reused: each call gets a fresh one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer

from desktop.settings.model import Sector
from desktop.ui.qt_lifetime import dispose_later
from desktop.ui.ring_popup import RingPopup
from desktop.ui.view_models import CallerKind, CallPhase, CallView

# after a call took the spare: long enough for its lookup and card to go first
REBUILD_AFTER_MS = 400

# what the spare shows until a call takes it (never on screen): an outside caller's popup
_PLACEHOLDER = CallView("", "0", incoming=True, phase=CallPhase.RINGING,
                        kind=CallerKind.EXTERNAL)


class PopupSupply(QObject):
    def __init__(self, can_build: Callable[[], bool] = lambda: True,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._can_build = can_build          # False while quitting
        self._spare: RingPopup | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._build)

    @property
    def spare(self) -> RingPopup | None:
        return self._spare

    def prepare(self, delay_ms: int = 0) -> None:
        """Build the spare popup ``delay_ms`` from now, unless there is one already."""
        if self._spare is None:
            self._timer.start(delay_ms)

    def take(self, call: CallView, sectors: Sequence[Sector]) -> RingPopup:
        """A popup for ``call``: the spare one when there is one (built at once otherwise)."""
        popup, self._spare = self._spare, None
        if popup is None:
            popup = RingPopup(call, sectors)
        else:
            popup.bind(call, sectors)
        self.prepare(REBUILD_AFTER_MS)
        return popup

    def discard(self) -> None:
        """Drop the spare (texts or settings changed; shutting down)."""
        self._timer.stop()
        spare, self._spare = self._spare, None
        if spare is not None:
            dispose_later(spare)

    def _build(self) -> None:
        if self._spare is None and self._can_build():
            spare = RingPopup(_PLACEHOLDER)
            # style and layout now, not at the first show (that is on a ringing call's time)
            spare.ensurePolished()
            spare.winId()           # its native window too: showing it only maps it
            layout = spare.layout()
            if layout is not None:
                layout.activate()
            self._spare = spare

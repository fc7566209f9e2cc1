"""Engine events into the Qt GUI thread: pass an instance as the engine's ``on_event``.

The engine calls it on its own thread; ``sip_event`` is a Qt signal, so receivers living in the GUI
thread get each event through a queued connection, in order, on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class SipEventBridge(QObject):
    # not "event": that would shadow QObject.event(), which Qt calls for every QEvent
    sip_event = Signal(object)

    def __call__(self, event: object) -> None:
        self.sip_event.emit(event)

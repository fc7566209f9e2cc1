"""Engine events cross into the GUI thread through SipEventBridge (no pjsua2 needed)."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QThread

from desktop.sip.events import CallStateChanged
from desktop.sip.qt_bridge import SipEventBridge


def test_events_emitted_on_another_thread_arrive_on_the_gui_thread(qtbot: Any) -> None:
    bridge = SipEventBridge()
    received: list[tuple[object, bool]] = []
    bridge.sip_event.connect(lambda e: received.append(
        (e, QThread.currentThread() is bridge.thread())))
    events = [CallStateChanged(str(i), "ringing") for i in range(20)]
    worker = threading.Thread(target=lambda: [bridge(e) for e in events])
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(received) == len(events), timeout=5000)
    assert [e for e, _ in received] == events
    assert all(on_gui for _, on_gui in received)

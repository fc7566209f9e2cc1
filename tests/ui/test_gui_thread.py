"""Engine callbacks cross into the GUI thread through GuiThreadInvoker, in order."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from desktop.ui.gui_thread import install_invoker


def test_callables_posted_from_another_thread_run_on_the_gui_thread_in_order(
        qtbot: QtBot) -> None:
    invoker = install_invoker()
    ran: list[tuple[int, bool]] = []

    def post_all() -> None:
        for n in range(20):
            invoker.post(lambda n=n: ran.append((n, QThread.currentThread() is invoker.thread())))

    worker = threading.Thread(target=post_all)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(ran) == 20, timeout=5000)
    assert [n for n, _ in ran] == list(range(20))
    assert all(on_gui for _, on_gui in ran)

"""Moving work onto the GUI thread: the one place backend threads cross into Qt.

The SIP engine calls back on its own thread; widgets may only be touched on the GUI thread.
:class:`GuiThreadInvoker` carries a callable through a queued signal, so the callable runs later
in the GUI thread's event loop, in order, whatever thread posted it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot


class GuiThreadInvoker(QObject):
    """Runs posted callables on the thread this object lives on (create it on the GUI thread)."""

    _posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def post(self, fn: Callable[[], Any]) -> None:
        """Queue ``fn`` to run on the GUI thread (safe to call from any thread)."""
        self._posted.emit(fn)

    @Slot(object)
    def _run(self, fn: Callable[[], Any]) -> None:
        fn()


_invoker: GuiThreadInvoker | None = None


def install_invoker() -> GuiThreadInvoker:
    """The application's invoker, living on the GUI thread (created on first use)."""
    global _invoker
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_invoker() needs a QApplication")
    if _invoker is None:
        invoker = GuiThreadInvoker()
        if invoker.thread() is not app.thread():  # first use came from a backend thread
            invoker.moveToThread(app.thread())
        _invoker = invoker
    return _invoker


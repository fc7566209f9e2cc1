"""The Qt binding itself must survive a desk's day: thousands of signals and timers."""

from __future__ import annotations

import subprocess
import sys
import textwrap

# Run in a child process: the failure mode is an abort ("bool_dealloc: deallocating True")
# that would take the whole test session down with it.
_PROBE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

    app = QCoreApplication([])

    class Emitter(QObject):
        fired = Signal(object)

    emitter = Emitter()
    seen = []
    emitter.fired.connect(seen.append)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for i in range(5000):
        emitter.fired.emit(i)
    for _ in range(2000):
        QTimer.singleShot(0, lambda: seen.append(1))
    QTimer.singleShot(50, app.quit)
    app.exec()
    after = sys.getrefcount(True), sys.getrefcount(None)
    print(len(seen), after[0] - before[0], after[1] - before[1])
    """
)


def test_signals_and_timers_keep_reference_counts() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    delivered, true_delta, none_delta = (int(x) for x in proc.stdout.split())
    assert delivered == 7000
    # a few references may be legitimately held by Qt's queues; a leak of one per emit is not
    assert abs(true_delta) < 50
    assert abs(none_delta) < 50

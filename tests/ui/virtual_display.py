"""A real X display for GUI tests and benchmarks: Xvfb, optionally trayer as the system tray.

Xvfb picks a free display number itself (``-displayfd``), so parallel runs never collide; both
processes are stopped by PID when the block ends.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator


def stop_process(process: subprocess.Popen[bytes], timeout_s: float = 5.0) -> None:
    """SIGTERM, then SIGKILL if it has not exited within ``timeout_s``."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def virtual_display(*, tray: bool = True) -> Iterator[str]:
    """Yield the ``DISPLAY`` value (":N") of a fresh Xvfb, with trayer on it if ``tray``."""
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    processes = [xvfb]
    try:
        assert xvfb.stdout is not None
        number = xvfb.stdout.readline().decode().strip()
        if not number.isdigit():
            raise RuntimeError("Xvfb did not report its display number")
        display = f":{number}"
        if tray:
            processes.insert(0, subprocess.Popen(
                ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request",
                 "--height", "24"], env={**os.environ, "DISPLAY": display},
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        yield display
    finally:
        for process in processes:  # trayer first, then its X server
            stop_process(process)

"""pjlib's start-up lines go to Ramal's log, not to the console.

Until ``libInit`` applies ``logConfig.consoleLevel = 0``, pjlib logs at its compiled-in level
straight to the process's stdout ("pjlib 2.15.1 for POSIX initialized", "PJSUA state changed:
NULL --> CREATED"...). On the console of ``ramal demo`` or ``--self-test`` that is noise, and on
the headless agent's stdout it would corrupt the JSON channel. So ``libCreate`` runs with
descriptor 1 pointed at a temporary file, whose lines are then forwarded to Python logging at
debug level (the log file, or wherever the caller's logging goes).
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress

log = logging.getLogger("desktop.sip.pjlib")


@contextmanager
def pjlib_stdout_to_log() -> Iterator[None]:
    """Run the body with C-level stdout captured; log what pjlib wrote there at debug level."""
    if sys.stdout is not None:
        with suppress(Exception):   # a closed or replaced sys.stdout: nothing of ours to flush
            sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no descriptor 1 at all (a windowed Windows exe): nothing reaches a console
        yield
        return
    with tempfile.TemporaryFile() as capture:
        try:
            os.dup2(capture.fileno(), 1)
            yield
        finally:
            # pjlib writes through C stdio, which buffers when stdout is not a terminal: flush
            # while descriptor 1 still points at the capture file
            _flush_c_stdio()
            os.dup2(saved, 1)
            os.close(saved)
            capture.seek(0)
            for line in capture.read().decode("utf-8", "replace").splitlines():
                if line.strip():
                    log.debug("%s", line.rstrip())


def _flush_c_stdio() -> None:
    with suppress(Exception):  # no C runtime reachable this way (some Windows builds): harmless
        libc = ctypes.CDLL(None) if sys.platform != "win32" else ctypes.cdll.msvcrt
        libc.fflush(None)

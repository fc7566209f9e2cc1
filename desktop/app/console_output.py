"""Printing for the command-line commands that survives the consoles people really have.

A Windows redirect (``ramal lookup … > ficha.txt``) or ``LANG=C`` with a pipe gives stdout an
encoding without "ã" or "→"; the customer's name must still print (a "?" in place of a letter
beats a traceback and no record). A reader that exits early (``ramal lookup … | head -1``) closes
the pipe: that is the reader's choice, not an error of ours.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TextIO


def tolerant(stream: TextIO) -> TextIO:
    """``stream`` set to replace characters its encoding lacks instead of raising."""
    reconfigure = getattr(stream, "reconfigure", None)
    if callable(reconfigure):
        with contextlib.suppress(ValueError, OSError):  # a detached or closed stream stays as is
            reconfigure(errors="replace")
    return stream


def encodes(stream: TextIO, text: str) -> bool:
    """Whether ``stream``'s encoding has every character of ``text``."""
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def write_out(text: str, stream: TextIO | None = None) -> bool:
    """Print ``text`` and a newline; False when the reader has gone (a broken pipe).

    After a broken pipe, stdout is pointed at the null device so that the interpreter's own
    flush at exit does not print "Exception ignored … BrokenPipeError" on stderr.
    """
    out = tolerant(stream or sys.stdout)
    try:
        out.write(text + "\n")
        out.flush()
    except BrokenPipeError:
        if out is sys.stdout:
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
        return False
    return True

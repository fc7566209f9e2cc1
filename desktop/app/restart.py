"""Starting Ramal again after the agent chose "Reiniciar agora" (settings only read at start).

The new process is started only once this one has closed everything (engine unregistered,
outbox stopped, database closed, single-instance server gone): started earlier, it would find
the old desk still running and hand its start over to it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QProcess

from desktop.phone.dial_links import is_dial_link


def restart_command(*, frozen: bool, executable: str, orig_argv: Sequence[str],
                    argv: Sequence[str]) -> tuple[str, list[str]]:
    """The program and arguments that start this desk again.

    From source, the interpreter with its own options (``python -X … main.py gui``); frozen, the
    bundle's executable. A dial link is left out (it was dialled already) and so is
    ``--minimized``: the agent restarting wants the window back.
    """
    args = list(argv[1:]) if frozen else list(orig_argv[1:])
    args = [a for a in args if a != "--minimized" and not is_dial_link(a)]
    return executable, args


def start_again() -> bool:
    program, args = restart_command(frozen=bool(getattr(sys, "frozen", False)),
                                    executable=sys.executable, orig_argv=sys.orig_argv,
                                    argv=sys.argv)
    started, _pid = QProcess.startDetached(program, args, os.getcwd())
    return bool(started)

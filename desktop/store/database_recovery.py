"""What the desk does when its database cannot be used at start-up: ask, then start anyway.

A damaged file, a full disk, a read-only folder or a file held by another process used to stop
the desk with a traceback and no window. Now the agent chooses (the desk's dialog, or any
``choose`` function): move the damaged file aside and start with a fresh one, try again, run
without history (in memory: this session's calls, attendances and pending forwards are lost on
quitting, and the dialog says so), or quit. Nothing is deleted: a moved file keeps its outbox.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Generic, TypeVar

from desktop.i18n import tr
from desktop.store.database import DatabaseProblem, Fault, diagnose, move_aside

_CONTEXT = "database"

T = TypeVar("T")


class Choice(Enum):
    MOVE_ASIDE = "move_aside"            # damaged file: rename it, start with an empty one
    RETRY = "retry"                      # the agent freed space, closed the other program...
    WITHOUT_HISTORY = "without_history"  # an in-memory database for this session
    QUIT = "quit"


def choices_for(problem: DatabaseProblem) -> list[Choice]:
    """The ways out that make sense for ``problem``, the recommended one first."""
    if problem.fault is Fault.DAMAGED:
        return [Choice.MOVE_ASIDE, Choice.WITHOUT_HISTORY, Choice.QUIT]
    return [Choice.RETRY, Choice.WITHOUT_HISTORY, Choice.QUIT]


def choice_label(choice: Choice) -> str:
    return {
        Choice.MOVE_ASIDE: tr(_CONTEXT, "Guardar o arquivo danificado e começar um novo"),
        Choice.RETRY: tr(_CONTEXT, "Tentar de novo"),
        Choice.WITHOUT_HISTORY: tr(_CONTEXT, "Continuar sem histórico"),
        Choice.QUIT: tr(_CONTEXT, "Sair"),
    }[choice]


def consequences(problem: DatabaseProblem) -> str:
    """What each way out costs, in pt-BR, for the dialog's text."""
    parts = [tr(_CONTEXT, "Sem histórico, as ligações e atendimentos desta sessão e os envios "
                          "pendentes ficam só na memória e se perdem ao fechar o Ramal.")]
    if problem.fault is Fault.DAMAGED:
        parts.insert(0, tr(_CONTEXT, "O arquivo danificado é renomeado e guardado na mesma "
                                     "pasta (nada é apagado) e o Ramal começa um banco novo."))
    return " ".join(parts)


@dataclass(frozen=True)
class Opened(Generic[T]):
    value: T
    notice: str   # pt-BR, for the window once it shows ("" when the file opened normally)


def open_with_recovery(path: Path, build: Callable[[Path | str], T],
                       choose: Callable[[DatabaseProblem, list[Choice]], Choice],
                       now: Callable[[], datetime]) -> Opened[T] | None:
    """``build(path)`` (which opens the database), asking ``choose`` on each problem; None when
    the agent chose to quit. ``now`` names a moved file (a clock the tests set)."""
    notice = ""
    while True:
        try:
            return Opened(build(path), notice)
        except Exception as exc:
            problem = diagnose(exc, path)
            if problem is None:
                raise
        choice = choose(problem, choices_for(problem))
        if choice is Choice.QUIT:
            return None
        if choice is Choice.WITHOUT_HISTORY:
            return Opened(build(":memory:"), problem.message + " " + tr(
                _CONTEXT, "O Ramal está rodando sem histórico: o que for registrado agora se "
                          "perde ao fechar."))
        if choice is Choice.MOVE_ASIDE:
            try:
                kept = move_aside(path, now())
            except OSError as exc:  # the folder refuses the rename too: ask again with that
                choose(DatabaseProblem(Fault.UNWRITABLE, path, str(exc)),
                       [Choice.QUIT])
                return None
            notice = tr(_CONTEXT, "O banco de dados danificado foi guardado em {path} e o "
                                  "Ramal começou um novo.").format(path=kept)

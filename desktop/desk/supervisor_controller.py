"""The supervisor view on the desk (``[threecx] supervisor = true``, off by default): loads the
per-queue and per-agent figures for the chosen period from 3CX's reports and the IXC tickets
Ramal wrote, shows them, exports CSV. A 504 (the period was too long for the PBX) and a 403
(the API client's role) are said in Portuguese in the view itself; the desk stays up."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from desktop.i18n import tr
from desktop.ixc.client import IxcClient
from desktop.ixc.errors import IxcError
from desktop.performance.figures_csv import write_csv
from desktop.performance.supervisor_figures import (
    SupervisorFigures,
    load_supervisor_figures,
    supervisor_rows,
)
from desktop.threecx.client import XapiClient
from desktop.threecx.errors import XapiError
from desktop.ui.supervisor_view import SupervisorPeriod, SupervisorView

log = logging.getLogger(__name__)

_CONTEXT = "supervisor"

Spawn = Callable[[Coroutine[Any, Any, Any]], Any]


def period_bounds(period: SupervisorPeriod, now: datetime) -> tuple[datetime, datetime]:
    """[start, end) in the desk's zone: today, or the last 7 / 30 days including today."""
    zone = now.tzinfo
    tomorrow = datetime.combine(now.date() + timedelta(days=1), time(0), zone)
    days = {SupervisorPeriod.TODAY: 1, SupervisorPeriod.WEEK: 7, SupervisorPeriod.MONTH: 30}
    return tomorrow - timedelta(days=days[period]), tomorrow


class SupervisorController(QObject):
    notice = Signal(str)
    loaded = Signal()

    def __init__(self, view: SupervisorView, xapi: Callable[[], XapiClient | None],
                 ixc: Callable[[], IxcClient | None], spawn: Spawn, *,
                 now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
                 choose_file: Callable[[str], str] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._xapi = xapi
        self._ixc = ixc
        self._spawn = spawn
        self.now = now
        self.choose_file = choose_file or self._ask_file
        self.figures: SupervisorFigures | None = None
        self.error = ""
        view.refresh_requested.connect(self.refresh)
        view.export_requested.connect(self.export)

    def refresh(self) -> None:
        self._spawn(self.load())

    async def load(self) -> SupervisorFigures | None:
        client = self._xapi()
        if client is None:
            self.error = tr(_CONTEXT, "A visão de supervisão precisa da API do 3CX: configure "
                                      "[threecx] url, client_id e a chave de API.")
            self._view.show_error(self.error)
            return None
        start, end = period_bounds(self._view.period(), self.now())
        self._view.set_busy(tr(_CONTEXT, "Consultando os relatórios do 3CX…"))
        try:
            figures = await load_supervisor_figures(client, self._ixc(), start, end)
        except XapiError as exc:
            self.error = (tr(_CONTEXT, "O 3CX não conseguiu calcular um período tão longo: "
                                       "escolha um período mais curto.")
                          if exc.status == 504 else str(exc))
            self._view.show_error(self.error)
            return None
        except IxcError as exc:
            self.error = tr(_CONTEXT, "Os números do 3CX chegaram, mas o IXC não respondeu: "
                                      "{why}").format(why=exc.message)
            self._view.show_error(self.error)
            return None
        self.error = ""
        self.figures = figures
        self._view.show_figures(figures, tr(_CONTEXT, "De {start} a {end}: {queues} filas, "
                                                      "{agents} agentes.").format(
            start=start.strftime("%d/%m/%Y"), end=(end - timedelta(days=1)).strftime("%d/%m/%Y"),
            queues=len(figures.queues), agents=len(figures.agents)))
        self.loaded.emit()
        return figures

    def _ask_file(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self._view, tr(_CONTEXT, "Exportar CSV"),
                                              suggested, tr(_CONTEXT, "CSV (*.csv)"))
        return path

    def export(self) -> Path | None:
        if self.figures is None:
            self.notice.emit(tr(_CONTEXT, "Atualize a visão de supervisão antes de exportar."))
            return None
        chosen = self.choose_file(f"supervisao-{self.figures.start:%Y-%m-%d}.csv")
        if not chosen:
            return None
        path = Path(chosen)
        header, rows = supervisor_rows(self.figures)
        try:
            write_csv(path, header, rows)
        except OSError as exc:
            self.notice.emit(tr(_CONTEXT, "Não foi possível salvar {path}: {error}.").format(
                path=path, error=exc.strerror or type(exc).__name__))
            return None
        self.notice.emit(tr(_CONTEXT, "Números exportados para {path}.").format(path=path))
        return path

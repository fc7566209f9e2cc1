""""Meu desempenho" on the desk: computes the figures for the chosen period when the tab is
shown or asked, and exports them as CSV. The computation is Qt-free
(:mod:`desktop.performance.desk_figures`); "today" and the zone come from injected callables so
tests fix them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from desktop.i18n import tr
from desktop.performance.desk_figures import DeskFigures, FiguresSource, figure_rows, period_span
from desktop.performance.figures_csv import write_csv
from desktop.ui.performance_view import PerformanceView

log = logging.getLogger(__name__)

_CONTEXT = "performance"


def local_now() -> datetime:
    return datetime.now().astimezone()


class PerformanceController(QObject):
    notice = Signal(str)

    def __init__(self, source: FiguresSource, view: PerformanceView, *,
                 now: Callable[[], datetime] = local_now,
                 choose_file: Callable[[str], str] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._view = view
        self.now = now  # replaceable: tests fix "today"
        self.choose_file = choose_file or self._ask_file
        self.figures: DeskFigures | None = None
        view.period_changed.connect(lambda _p: self.refresh())
        view.refresh_requested.connect(self.refresh)
        view.export_requested.connect(self.export)

    def _today(self) -> tuple[date, tzinfo]:
        now = self.now()
        zone = now.tzinfo
        assert zone is not None
        return now.date(), zone

    def refresh(self) -> None:
        today, zone = self._today()
        span = period_span(self._view.period(), today, zone)
        try:
            self.figures = self._source.figures(span)
        except Exception as exc:   # a database that refuses reads: say so, keep the desk up
            log.warning("figures failed: %s", type(exc).__name__)
            self.notice.emit(tr(_CONTEXT, "Não foi possível calcular os números: {error}.")
                             .format(error=type(exc).__name__))
            return
        self._view.show_figures(self.figures)

    def _ask_file(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self._view, tr(_CONTEXT, "Exportar CSV"),
                                              suggested, tr(_CONTEXT, "CSV (*.csv)"))
        return path

    def export(self) -> Path | None:
        if self.figures is None:
            self.refresh()
        if self.figures is None:
            return None
        start = self.figures.span.start.date().isoformat()
        chosen = self.choose_file(f"desempenho-{self._view.period().value}-{start}.csv")
        if not chosen:
            return None
        path = Path(chosen)
        try:
            write_csv(path, ["chave", "valor"], figure_rows(self.figures))
        except OSError as exc:
            self.notice.emit(tr(_CONTEXT, "Não foi possível salvar {path}: {error}.").format(
                path=path, error=exc.strerror or type(exc).__name__))
            return None
        self.notice.emit(tr(_CONTEXT, "Números exportados para {path}.").format(path=path))
        return path

"""The supervisor view: per queue and per agent for a chosen period, 3CX's report figures beside
Ramal's own (calls logged in IXC, share with OS, financeiro and conexão checked, attendances
per sector), as charts (Qt Charts) and tables, with a CSV export. It only draws
:class:`SupervisorFigures`; the desk loads them."""

from __future__ import annotations

import enum

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, tr
from desktop.performance.supervisor_figures import SupervisorFigures
from desktop.ui.formatting import clip

_CONTEXT = "SupervisorView"


class SupervisorPeriod(enum.StrEnum):
    TODAY = "hoje"
    WEEK = "7dias"
    MONTH = "30dias"


_PERIODS = {
    SupervisorPeriod.TODAY: N_(_CONTEXT, "Hoje"),
    SupervisorPeriod.WEEK: N_(_CONTEXT, "Últimos 7 dias"),
    SupervisorPeriod.MONTH: N_(_CONTEXT, "Últimos 30 dias"),
}
_QUEUE_COLUMNS = {
    "queue": N_(_CONTEXT, "Fila"), "received": N_(_CONTEXT, "Recebidas"),
    "answered": N_(_CONTEXT, "Atendidas"), "abandoned": N_(_CONTEXT, "Abandonadas"),
    "wait": N_(_CONTEXT, "Espera média"), "talk": N_(_CONTEXT, "Conversa média"),
    "sla": N_(_CONTEXT, "SLA violado"),
}
_AGENT_COLUMNS = {
    "extension": N_(_CONTEXT, "Ramal"), "agent": N_(_CONTEXT, "Agente"),
    "answered": N_(_CONTEXT, "Atendidas (3CX)"), "talk": N_(_CONTEXT, "Conversa média"),
    "logged": N_(_CONTEXT, "Registradas (Ramal)"),
    "full": N_(_CONTEXT, "Com OS, financeiro e conexão"), "sectors": N_(_CONTEXT, "Por setor"),
}


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}min{secs:02d}s"


def _share(part: int, whole: int) -> str:
    return f"{part} ({round(100 * part / whole)}%)" if whole else str(part)


def grouped_chart(title: str, categories: list[str],
                  series: list[tuple[str, list[int]]]) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    bars = QBarSeries()
    for label, values in series:
        bar_set = QBarSet(label)
        bar_set.append([float(v) for v in values])
        bars.append(bar_set)
    chart.addSeries(bars)
    x_axis = QBarCategoryAxis()
    x_axis.append(categories or ["—"])
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    bars.attachAxis(x_axis)
    y_axis = QValueAxis()
    y_axis.setRange(0, max([*(v for _, vs in series for v in vs), 1]))
    y_axis.setLabelFormat("%d")
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(y_axis)
    return chart


class SupervisorView(QWidget):
    refresh_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.period_box = QComboBox()
        for period in _PERIODS:
            self.period_box.addItem(tr(_CONTEXT, _PERIODS[period]), period.value)
        self.period_box.currentIndexChanged.connect(lambda _i: self.refresh_requested.emit())
        self.refresh_button = QPushButton(self.tr("Atualizar"))
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.export_button = QPushButton(self.tr("Exportar CSV…"))
        self.export_button.clicked.connect(self.export_requested)
        top.addWidget(QLabel(self.tr("Período:")))
        top.addWidget(self.period_box)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.status = QLabel(self.tr("Escolha o período e clique em Atualizar."))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        charts = QHBoxLayout()
        self.queue_chart = QChartView()
        self.agent_chart = QChartView()
        for view in (self.queue_chart, self.agent_chart):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(200)
            charts.addWidget(view)
        layout.addLayout(charts, 1)
        self.queue_table = QTableWidget(0, len(_QUEUE_COLUMNS))
        self.queue_table.setHorizontalHeaderLabels(
            [tr(_CONTEXT, _QUEUE_COLUMNS[key]) for key in _QUEUE_COLUMNS])
        self.agent_table = QTableWidget(0, len(_AGENT_COLUMNS))
        self.agent_table.setHorizontalHeaderLabels(
            [tr(_CONTEXT, _AGENT_COLUMNS[key]) for key in _AGENT_COLUMNS])
        for table in (self.queue_table, self.agent_table):
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            layout.addWidget(table)

    def period(self) -> SupervisorPeriod:
        return SupervisorPeriod(self.period_box.currentData())

    def set_busy(self, message: str) -> None:
        self.status.setText(message)
        self.refresh_button.setEnabled(False)

    def show_error(self, message: str) -> None:
        self.status.setText(message)
        self.refresh_button.setEnabled(True)

    def show_figures(self, figures: SupervisorFigures, summary: str) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(summary)
        self._fill(self.queue_table, [
            [clip(f"{q.number} {q.name}", 60), str(q.received), str(q.answered),
             str(q.abandoned), _duration(q.avg_wait.total_seconds()),
             _duration(q.avg_talk.total_seconds()), str(q.sla_breaches)]
            for q in figures.queues])
        self._fill(self.agent_table, [
            [a.extension, clip(a.name, 40), str(a.answered), _duration(a.avg_talk_s),
             _share(a.logged, a.answered), _share(a.full_check, a.logged),
             clip(", ".join(f"{s}: {n}" for s, n in sorted(a.sectors.items())), 120)]
            for a in figures.agents])
        queues = [q.number for q in figures.queues]
        self.queue_chart.setChart(grouped_chart(
            self.tr("Filas: atendidas, abandonadas e SLA violado"), queues,
            [(self.tr("Atendidas"), [q.answered for q in figures.queues]),
             (self.tr("Abandonadas"), [q.abandoned for q in figures.queues]),
             (self.tr("SLA violado"), [q.sla_breaches for q in figures.queues])]))
        agents = [a.extension for a in figures.agents]
        self.agent_chart.setChart(grouped_chart(
            self.tr("Agentes: atendidas no 3CX e registradas pelo Ramal"), agents,
            [(self.tr("Atendidas (3CX)"), [a.answered for a in figures.agents]),
             (self.tr("Registradas (Ramal)"), [a.logged for a in figures.agents]),
             (self.tr("Com as três seções"), [a.full_check for a in figures.agents])]))

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()

""""Meu desempenho": the desk's figures for today or this week, as charts (Qt Charts) and a few
numbers, with a CSV export. It only draws :class:`DeskFigures`; the desk computes them."""

from __future__ import annotations

from datetime import date

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
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.performance.desk_figures import DeskFigures, Period
from desktop.ui.formatting import clip


def _bar_chart(title: str, categories: list[str], values: list[int],
               label: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.legend().hide()
    bars = QBarSet(label)
    bars.append([float(v) for v in values])
    series = QBarSeries()
    series.append(bars)
    chart.addSeries(series)
    x_axis = QBarCategoryAxis()
    x_axis.append(categories or ["—"])
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x_axis)
    y_axis = QValueAxis()
    y_axis.setRange(0, max([*values, 1]))
    y_axis.setLabelFormat("%d")
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(y_axis)
    return chart


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}min{secs:02d}s"


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


class PerformanceView(QWidget):
    period_changed = Signal(str)       # a Period value
    export_requested = Signal()
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.period_box = QComboBox()
        self.period_box.addItem(self.tr("Hoje"), Period.TODAY.value)
        self.period_box.addItem(self.tr("Esta semana"), Period.WEEK.value)
        self.period_box.currentIndexChanged.connect(
            lambda _i: self.period_changed.emit(self.period_box.currentData()))
        top.addWidget(self.period_box)
        top.addStretch(1)
        refresh = QPushButton(self.tr("Atualizar"))
        refresh.clicked.connect(self.refresh_requested)
        top.addWidget(refresh)
        self.export_button = QPushButton(self.tr("Exportar CSV…"))
        self.export_button.clicked.connect(self.export_requested)
        top.addWidget(self.export_button)
        outer.addLayout(top)

        numbers = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, text in (
            ("answered", self.tr("Atendidas")), ("missed", self.tr("Perdidas")),
            ("elsewhere", self.tr("Atendidas em outro aparelho")),
            ("talk", self.tr("Tempo médio de conversa")),
            ("wrapup", self.tr("Tempo médio até registrar")),
            ("logged", self.tr("Ligações registradas")),
            ("full", self.tr("Registradas com OS, financeiro e conexão verificados")),
            ("busiest", self.tr("Horários de pico")),
        ):
            label = QLabel("—")
            label.setObjectName(f"figure_{key}")
            self.values[key] = label
            numbers.addRow(text, label)
        outer.addLayout(numbers)

        charts = QGridLayout()
        self.outcome_chart = QChartView()
        self.hour_chart = QChartView()
        self.day_chart = QChartView()
        self.sector_chart = QChartView()
        for i, view in enumerate((self.outcome_chart, self.hour_chart, self.day_chart,
                                  self.sector_chart)):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(180)
            charts.addWidget(view, i // 2, i % 2)
        outer.addLayout(charts, 1)

    def period(self) -> Period:
        return Period(self.period_box.currentData())

    def show_figures(self, figures: DeskFigures) -> None:
        v = self.values
        v["answered"].setText(str(figures.answered))
        v["missed"].setText(str(figures.missed))
        v["elsewhere"].setText(str(figures.answered_elsewhere))
        v["talk"].setText(_duration(figures.avg_talk_s))
        v["wrapup"].setText(_duration(figures.avg_wrapup_s))
        v["logged"].setText(f"{figures.logged} ({_share(figures.logged_share)})")
        v["full"].setText(_share(figures.full_check_share))
        v["busiest"].setText(", ".join(f"{h:02d}h" for h in figures.busiest_hours) or "—")
        self.outcome_chart.setChart(_bar_chart(
            self.tr("Ligações recebidas"),
            [self.tr("Atendidas"), self.tr("Perdidas"), self.tr("Em outro aparelho")],
            [figures.answered, figures.missed, figures.answered_elsewhere], self.tr("Ligações")))
        hours = [h for h in range(24) if figures.calls_per_hour[h]] or list(range(8, 18))
        span = list(range(min(hours), max(hours) + 1))
        self.hour_chart.setChart(_bar_chart(
            self.tr("Ligações por hora"), [f"{h:02d}h" for h in span],
            [figures.calls_per_hour[h] for h in span], self.tr("Ligações")))
        days: list[date] = list(figures.calls_per_day)
        weekdays = (self.tr("seg"), self.tr("ter"), self.tr("qua"), self.tr("qui"),
                    self.tr("sex"), self.tr("sáb"), self.tr("dom"))
        self.day_chart.setChart(_bar_chart(
            self.tr("Ligações por dia"),
            [f"{weekdays[d.weekday()]} {d:%d/%m}" for d in days],
            list(figures.calls_per_day.values()), self.tr("Ligações")))
        sectors = list(figures.forwards_per_sector)
        self.sector_chart.setChart(_bar_chart(
            self.tr("Encaminhamentos por setor"), [clip(s, 24) for s in sectors],
            list(figures.forwards_per_sector.values()), self.tr("Encaminhamentos")))

""""Meu desempenho" and queue login/logout on the real desk (offscreen, demo simulators)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot

from desktop.app.ramal_app import RamalApp
from desktop.demo.desk_demo import DemoBackends
from desktop.settings.model import ThreecxSettings
from desktop.sip.events import CallEnded, CallStateChanged
from desktop.store.history import CallDirection, CallOutcome
from desktop.threecx.queue_login import QueueState

SP = ZoneInfo("America/Sao_Paulo")
NOW = datetime(2026, 3, 4, 16, 0, tzinfo=SP)


def _seed(ramal: RamalApp) -> None:
    history = ramal.history
    for i, (outcome, talk) in enumerate([(CallOutcome.COMPLETED, 100),
                                         (CallOutcome.COMPLETED, 200),
                                         (CallOutcome.MISSED, 0)]):
        start = NOW - timedelta(hours=3 - i)
        call = history.record_start(f"seed{i}", number="+5511987654321",
                                    direction=CallDirection.INBOUND, started_at=start)
        if talk:
            history.record_answer(call.id, start)
        history.record_end(call.id, start + timedelta(seconds=talk or 20), outcome)
        if i == 0:
            history.mark_logged(call.id)


async def test_meu_desempenho_draws_charts_and_exports_csv(
        desk: tuple[RamalApp, DemoBackends], qtbot: QtBot, tmp_path: Path) -> None:
    ramal, _ = desk
    assert ramal.performance is not None
    _seed(ramal)
    ramal.performance.now = lambda: NOW
    view = ramal.window.performance
    ramal.window.tabs.setCurrentWidget(view)          # opening the tab computes the figures
    assert view.values["answered"].text() == "2"
    assert view.values["missed"].text() == "1"
    assert view.values["talk"].text() == "2min30s"
    assert view.values["logged"].text() == "1 (50%)"
    chart = view.outcome_chart.chart()
    bars = chart.series()[0].barSets()[0]               # type: ignore[attr-defined]
    assert [bars.at(i) for i in range(bars.count())] == [2.0, 1.0, 0.0]
    assert view.hour_chart.chart().series() and view.day_chart.chart().series()
    view.period_box.setCurrentIndex(1)                  # "Esta semana"
    assert len(ramal.performance.figures.calls_per_day) == 3   # type: ignore[union-attr]
    target = tmp_path / "desempenho.csv"
    ramal.performance.choose_file = lambda suggested: str(target)
    view.export_button.click()
    text = target.read_text(encoding="utf-8-sig")
    assert "answered;2" in text and "missed;1" in text


async def test_queue_login_and_logout_by_dial_code(
        calling_desk: tuple[RamalApp, DemoBackends], qtbot: QtBot) -> None:
    ramal, _ = calling_desk
    assert ramal.window.queue_status.isHidden()     # nothing configured: no queue buttons
    codes = ThreecxSettings(queue_login_code="*62", queue_logout_code="*63")
    ramal.settings_source.replace(dataclasses.replace(ramal.settings, threecx=codes))
    widget = ramal.window.queue_status
    assert not widget.isHidden() and ramal.tray.queue_actions.login_action.isVisible()
    assert widget.state is QueueState.UNKNOWN
    widget.login_button.click()
    qtbot.waitUntil(lambda: ("call", ("*62",)) in ramal.engine.commands)   # type: ignore[attr-defined]
    assert widget.state is QueueState.CHANGING and not widget.login_button.isEnabled()
    qtbot.waitUntil(lambda: bool(ramal.queues._pending))
    ramal.handle_event(CallStateChanged("out1", "confirmed"))
    ramal.handle_event(CallEnded("out1", "completed", 2.0, 200, "OK"))
    assert widget.state is QueueState.LOGGED_IN and ramal.queues.state is QueueState.LOGGED_IN
    assert ramal.tray.queue_actions.login_action.isEnabled() is False
    # logging out from the tray; 3CX refuses the code: the state goes back, said in Portuguese
    ramal.tray.queue_actions.logout_action.trigger()
    qtbot.waitUntil(lambda: ("call", ("*63",)) in ramal.engine.commands)   # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(ramal.queues._pending))
    ramal.handle_event(CallEnded("out2", "failed", 0.0, 404, "Not Found"))
    assert widget.state is QueueState.LOGGED_IN
    assert "Não foi possível mudar" in ramal.window.statusBar().currentMessage()

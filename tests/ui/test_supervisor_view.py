"""The supervisor view (offscreen) against the 3CX and IXC simulators: charts and tables for the
chosen period, CSV export, and the simulator's faults said in Portuguese in the view (a 504 on a
long period asks for a shorter one; a 403 names the missing permission)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.demo.simulators.threecx import (
    CLIENT_ID,
    CLIENT_SECRET,
    ThreecxSimulator,
    start_threecx_simulator,
)
from desktop.desk.supervisor_controller import SupervisorController
from desktop.ixc.client import IxcClient
from desktop.ixc.tickets import desk_marker
from desktop.settings.model import ThreecxSettings
from desktop.threecx.client import XapiClient
from desktop.ui.supervisor_view import SupervisorView

SP = ZoneInfo("America/Sao_Paulo")
NOW = datetime(2026, 3, 4, 17, 0, tzinfo=SP)


@pytest.fixture
def pbx() -> Iterator[ThreecxSimulator]:
    sim = start_threecx_simulator(today=NOW.date(), zone=SP)
    try:
        yield sim
    finally:
        sim.stop()


@pytest.fixture
async def clients(pbx: ThreecxSimulator, ixc_sim: SimulatorHandle
                  ) -> AsyncIterator[tuple[XapiClient, IxcClient]]:
    xapi = XapiClient(ThreecxSettings(url=pbx.url, client_id=CLIENT_ID,
                                      client_secret=CLIENT_SECRET), timeout_s=5.0)
    ixc = IxcClient(ixc_sim.url, ixc_sim.token, timeout_s=5.0)
    try:
        yield xapi, ixc
    finally:
        await xapi.aclose()
        await ixc.aclose()


def _controller(qtbot: QtBot, clients: tuple[XapiClient, IxcClient]
                ) -> tuple[SupervisorView, SupervisorController]:
    view = SupervisorView()
    qtbot.addWidget(view)
    tasks: list[asyncio.Task[object]] = []
    controller = SupervisorController(view, lambda: clients[0], lambda: clients[1],
                                      lambda c: tasks.append(asyncio.ensure_future(c)),
                                      now=lambda: NOW)
    return view, controller


async def test_week_is_drawn_and_exported(qtbot: QtBot, clients: tuple[XapiClient, IxcClient],
                                          ixc_sim: SimulatorHandle, tmp_path: Path) -> None:
    ixc_sim.insert("su_ticket", {"id_cliente": "101", "id_assunto": "1", "titulo": "t",
                                 "id_ticket_setor": "1", "data_criacao": "2026-03-03 10:00:00",
                                 "menssagem": "x\n" + desk_marker(
                                     "201", ["service_orders", "invoices", "connections"])})
    view, controller = _controller(qtbot, clients)
    view.period_box.blockSignals(True)
    view.period_box.setCurrentIndex(1)                    # "Últimos 7 dias"
    view.period_box.blockSignals(False)
    figures = await controller.load()
    assert figures is not None and controller.error == ""
    assert view.queue_table.rowCount() == 2 and view.agent_table.rowCount() == 6
    assert view.queue_table.item(0, 0).text().startswith("800")
    row = next(r for r in range(6) if view.agent_table.item(r, 0).text() == "201")
    assert view.agent_table.item(row, 4).text().startswith("1 (")
    assert view.agent_table.item(row, 5).text() == "1 (100%)"
    queue_sets = view.queue_chart.chart().series()[0].barSets()   # type: ignore[attr-defined]
    assert [s.label() for s in queue_sets] == ["Atendidas", "Abandonadas", "SLA violado"]
    assert queue_sets[0].at(0) == figures.queues[0].answered
    assert view.agent_chart.chart().series()
    assert "De 26/02/2026 a 04/03/2026" in view.status.text()
    target = tmp_path / "supervisao.csv"
    controller.choose_file = lambda suggested: str(target)
    view.export_button.click()
    text = target.read_text(encoding="utf-8-sig")
    assert text.startswith("tipo;numero;nome") and "agente;201;" in text


async def test_faults_are_said_in_the_view(qtbot: QtBot, clients: tuple[XapiClient, IxcClient],
                                           pbx: ThreecxSimulator) -> None:
    view, controller = _controller(qtbot, clients)
    pbx.faults.max_range_days = 7
    view.period_box.blockSignals(True)
    view.period_box.setCurrentIndex(2)                    # "Últimos 30 dias"
    view.period_box.blockSignals(False)
    assert await controller.load() is None
    assert "escolha um período mais curto" in view.status.text()
    assert view.refresh_button.isEnabled()
    view.period_box.blockSignals(True)
    view.period_box.setCurrentIndex(0)                    # "Hoje" fits
    view.period_box.blockSignals(False)
    assert await controller.load() is not None
    pbx.faults.admin_role = True
    assert await controller.load() is None
    assert "permissão" in view.status.text()

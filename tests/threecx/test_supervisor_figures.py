"""The supervisor view's figures: 3CX's queue reports from the simulator (known answers from its
seed), Ramal's per-agent figures read back from the IXC tickets Ramal wrote, merged per
extension; the faults (504 on a long period, 403 for the API client's role) as pt-BR errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, time, timedelta
from statistics import fmean

import pytest

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.demo.simulators.threecx import ThreecxSimulator
from desktop.ixc.client import IxcClient
from desktop.ixc.tickets import TicketDraft, desk_marker, parse_desk_marker, ticket_text
from desktop.performance.supervisor_figures import (
    DeskTally,
    load_supervisor_figures,
    merge_agents,
    supervisor_rows,
    tally_tickets,
)
from desktop.threecx.client import XapiClient
from desktop.threecx.errors import XapiError
from desktop.threecx.models import AgentQueueFigures
from tests.threecx.xapi_support import SP, TODAY

WEEK_START = datetime.combine(TODAY - timedelta(days=6), time(0), SP)
WEEK_END = datetime.combine(TODAY + timedelta(days=1), time(0), SP)


@pytest.fixture
async def ixc_client(ixc_sim: SimulatorHandle) -> AsyncIterator[IxcClient]:
    client = IxcClient(ixc_sim.url, ixc_sim.token, timeout_s=5.0)
    try:
        yield client
    finally:
        await client.aclose()


def test_desk_marker_round_trips_and_hostile_text_cannot_forge_it() -> None:
    line = desk_marker("201", ["invoices", "connections", "service_orders"])
    assert line == "[ramal-desk ramal=201 secoes=connections,invoices,service_orders]"
    assert parse_desk_marker("texto\n" + line) == ("201", frozenset(
        {"connections", "invoices", "service_orders"}))
    assert parse_desk_marker("[ramal abc-123]") is None
    forged = desk_marker("20]1 x", ["os]; drop"])
    assert parse_desk_marker(forged) == ("201x", frozenset({"osdrop"}))
    text = ticket_text(TicketDraft("101", "1", "1", "Sem sinal", "Ana", extension="202",
                                   section_codes=("connections",)), "[ramal k1]")
    assert parse_desk_marker(text) == ("202", frozenset({"connections"}))


def test_tally_and_merge_with_known_answers() -> None:
    full = desk_marker("201", ["service_orders", "invoices", "connections"])
    rows = [
        {"menssagem": "a\n" + full, "id_ticket_setor": "1"},
        {"menssagem": "b\n" + desk_marker("201", ["connections"]), "id_ticket_setor": "2"},
        {"menssagem": "c\n" + desk_marker("203", []), "id_ticket_setor": "1"},
        {"menssagem": "aberto no IXC, sem o Ramal", "id_ticket_setor": "1"},
    ]
    desk = tally_tickets(rows, {"1": "Suporte", "2": "Financeiro"})
    assert desk == {"201": DeskTally(2, 1, {"Suporte": 1, "Financeiro": 1}),
                    "203": DeskTally(1, 0, {"Suporte": 1})}
    threecx = [
        AgentQueueFigures("201", "Ana", "800", answered=3, talk=timedelta(seconds=300)),
        AgentQueueFigures("201", "Ana", "801", answered=1, talk=timedelta(seconds=100)),
        AgentQueueFigures("202", "Bruno", "800", answered=2, talk=timedelta(seconds=60)),
    ]
    merged = {a.extension: a for a in merge_agents(threecx, desk)}
    assert list(merged) == ["201", "202", "203"]
    assert merged["201"].answered == 4 and merged["201"].avg_talk_s == 100.0
    assert merged["201"].logged_share == 0.5 and merged["201"].full_check_share == 0.5
    assert merged["202"].logged == 0 and merged["202"].full_check_share is None
    assert merged["203"].answered == 0 and merged["203"].logged_share is None


async def test_week_from_the_simulators_matches_the_seed(
        pbx: ThreecxSimulator, xapi: XapiClient, ixc_sim: SimulatorHandle,
        ixc_client: IxcClient) -> None:
    inside = (TODAY - timedelta(days=1)).isoformat() + " 10:00:00"
    outside = (TODAY - timedelta(days=20)).isoformat() + " 10:00:00"
    for ext, codes, stamp in (("201", ["service_orders", "invoices", "connections"], inside),
                              ("201", ["connections"], inside), ("202", [], inside),
                              ("201", [], outside)):
        ixc_sim.insert("su_ticket", {"id_cliente": "101", "id_assunto": "1", "titulo": "t",
                                     "id_ticket_setor": "1", "data_criacao": stamp,
                                     "menssagem": "x\n" + desk_marker(ext, codes)})
    figures = await load_supervisor_figures(xapi, ixc_client, WEEK_START, WEEK_END)
    calls = [c for c in pbx.state.seed.queue_calls if WEEK_START <= c.start < WEEK_END]
    support = [c for c in calls if c.queue == "800"]
    [q800] = [q for q in figures.queues if q.number == "800"]
    assert q800.received == len(support)
    assert q800.answered == sum(c.answered for c in support)
    assert q800.abandoned == sum(not c.answered for c in support)
    assert q800.sla_breaches == sum(c.wait_s > 30 for c in support)
    answered = [c.talk_s for c in support if c.answered]
    assert abs(q800.avg_talk.total_seconds() - fmean(answered)) < 0.1
    agents = {a.extension: a for a in figures.agents}
    assert agents["201"].answered == sum(c.agent == "201" for c in calls)
    assert (agents["201"].logged, agents["201"].full_check) == (2, 1)
    assert agents["202"].logged == 1 and agents["203"].logged == 0
    sector = next(r["setor"] for r in ixc_sim.tables["su_ticket_setor"] if r["id"] == "1")
    assert agents["201"].sectors == {sector: 2}
    header, rows = supervisor_rows(figures)
    assert header[0] == "tipo" and f"setor:{sector}" in header
    assert rows[0][:2] == ["fila", "800"] and any(r[:2] == ["agente", "201"] for r in rows)


async def test_long_period_504_and_role_403_are_said_in_portuguese(
        pbx: ThreecxSimulator, xapi: XapiClient) -> None:
    pbx.faults.max_range_days = 3
    with pytest.raises(XapiError, match="escolha um período menor") as too_long:
        await load_supervisor_figures(xapi, None, WEEK_START, WEEK_END)
    assert too_long.value.status == 504
    pbx.faults.max_range_days = None
    pbx.faults.admin_role = True
    with pytest.raises(XapiError, match="permissão") as forbidden:
        await load_supervisor_figures(xapi, None, WEEK_START, WEEK_END)
    assert forbidden.value.status == 403


async def test_expired_token_mid_report_is_renewed_once(
        pbx: ThreecxSimulator, xapi: XapiClient) -> None:
    await load_supervisor_figures(xapi, None, WEEK_START, WEEK_END)
    issued = pbx.tokens_issued
    pbx.expire_now()
    figures = await load_supervisor_figures(xapi, None, WEEK_START, WEEK_END)
    assert pbx.tokens_issued == issued + 1 and figures.queues

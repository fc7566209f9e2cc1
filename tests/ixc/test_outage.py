"""Mass-outage detection against the IXC simulator: a staged CTO cut, churn, the end of the
outage, the per-scope cache, and an outage query that is slow or fails."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime, timedelta

import pytest

from desktop.demo.simulators.ixc import DEMO_NUMBERS, SimulatorHandle, start_simulator
from desktop.demo.simulators.ixc_seed import DEMO_TOKEN, build_seed
from desktop.ixc.client import IxcClient
from desktop.ixc.models import CustomerRecord, Section
from desktop.ixc.outage import OutageDetector
from desktop.ixc.outage_model import (
    Outage,
    OutageRules,
    OutageScope,
    ScopeCount,
    Threshold,
    judge,
)
from desktop.ixc.record_json import lookup_to_json
from desktop.ixc.records import IxcService

TODAY = date(2026, 9, 8)
CUT = datetime(2026, 9, 8, 14, 2, 0)
MASSIVA = DEMO_NUMBERS["massiva"].number
OFFLINE_FOR_DAYS = DEMO_NUMBERS["os_aberta"].number      # customer 105: offline since yesterday


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def sim() -> Iterator[SimulatorHandle]:
    handle = start_simulator("127.0.0.1", 0, data=build_seed(TODAY))
    try:
        yield handle
    finally:
        handle.stop()


@pytest.fixture
def ticks() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
async def service(sim: SimulatorHandle, ticks: FakeMonotonic) -> AsyncIterator[IxcService]:
    client = IxcClient(sim.url, DEMO_TOKEN, max_concurrency=8, timeout_s=5.0)
    detector = OutageDetector(client, OutageRules(timeout_s=2.0), monotonic=ticks)
    try:
        yield IxcService(client, None, clock=lambda: CUT + timedelta(minutes=10),
                         outage=detector)
    finally:
        await client.aclose()


def _scope_requests(sim: SimulatorHandle) -> int:
    return sum(1 for r in sim.requests if r.table == "radusuarios"
               and str(r.body.get("qtype", "")).endswith(("id_caixa_ftth", "id_concentrador",
                                                           "id_transmissor")))


# --- the verdict (pure) ------------------------------------------------------------------------


@pytest.mark.parametrize(("scope", "offline", "logins", "expected"), [
    (OutageScope.CTO, 9, 12, True),
    (OutageScope.CTO, 4, 8, True),          # exactly at both thresholds
    (OutageScope.CTO, 3, 4, False),         # a high share of a tiny box: not enough logins
    (OutageScope.CTO, 5, 11, False),        # 45 %
    (OutageScope.CONCENTRADOR, 10, 50, True),
    (OutageScope.CONCENTRADOR, 9, 20, False),
    (OutageScope.CONCENTRADOR, 12, 80, False),   # 15 %: churn on a big BRAS
    (OutageScope.TRANSMISSOR, 0, 0, False),
])
def test_thresholds_per_scope(scope: OutageScope, offline: int, logins: int,
                              expected: bool) -> None:
    count = ScopeCount(scope, 7, "X", offline, logins, CUT)
    assert (judge([count], OutageRules()) is not None) is expected


def test_the_widest_passing_scope_wins() -> None:
    cto = ScopeCount(OutageScope.CTO, 14, "14-B", 9, 12, CUT)
    bras = ScopeCount(OutageScope.CONCENTRADOR, 1, "BNG-01", 30, 100, CUT - timedelta(minutes=1))
    outage = judge([cto, bras], OutageRules())
    assert outage is not None and outage.scope is OutageScope.CONCENTRADOR
    assert judge([cto, ScopeCount(OutageScope.CONCENTRADOR, 1, "", 9, 100, CUT)],
                 OutageRules()) == Outage(OutageScope.CTO, 14, "14-B", 9, 12, CUT)


def test_custom_thresholds_and_hostile_names() -> None:
    rules = OutageRules(thresholds={s: Threshold(2, 0.1) for s in OutageScope})
    outage = judge([ScopeCount(OutageScope.CTO, 3, "14\x00-B\n<b>x</b>" + "y" * 99, 2, 20, CUT)],
                   rules)
    assert outage is not None
    assert "\x00" not in outage.display_name and "\n" not in outage.display_name
    assert len(outage.display_name) <= 60
    assert outage.key == "ramal-massiva-cto-3-20260908"


# --- against the simulator ---------------------------------------------------------------------


async def test_outage_on_a_cto_reaches_the_first_call(service: IxcService,
                                                      sim: SimulatorHandle) -> None:
    assert sim.stage_outage("cto", "14", CUT, share=0.75) == 9
    sim.churn(4, CUT + timedelta(minutes=10))
    updates: list[CustomerRecord] = []
    result = await service.lookup(MASSIVA, updates.append)
    record = result.matches[0]
    assert record.outage == Outage(OutageScope.CTO, 14, "14-B", 9, 12, CUT)
    assert record.outage.banner_text() == (
        "Possível massiva — CTO 14-B: 9 de 12 logins caíram desde 14:02")
    # the card was complete before the banner arrived: the check never delays it
    first_complete = next(i for i, r in enumerate(updates) if r.complete)
    assert updates[first_complete].outage is None
    assert updates[-1].outage == record.outage
    match = lookup_to_json(result)["matches"][0]
    assert match["outage"] == {"scope": "cto", "id": "14", "name": "14-B", "offline": 9,
                               "logins": 12, "since": "2026-09-08 14:02:00"}


async def test_one_login_offline_for_days_is_no_outage(service: IxcService,
                                                       sim: SimulatorHandle) -> None:
    sim.churn(6, CUT)
    result = await service.lookup(OFFLINE_FOR_DAYS)
    record = result.matches[0]
    assert any(not c.is_online for c in record.connections)
    assert record.outage is None
    assert lookup_to_json(result)["matches"][0]["outage"] is None
    assert _scope_requests(sim) > 0      # it was asked, and said no


async def test_a_caller_online_costs_no_outage_request(service: IxcService,
                                                       sim: SimulatorHandle) -> None:
    sim.stage_outage("cto", "14", CUT, share=0.75)
    result = await service.lookup(DEMO_NUMBERS["em_dia"].number)
    assert result.matches[0].outage is None
    assert _scope_requests(sim) == 0


async def test_outage_over_clears(service: IxcService, sim: SimulatorHandle,
                                  ticks: FakeMonotonic) -> None:
    sim.stage_outage("cto", "14", CUT)
    outage = (await service.lookup(MASSIVA)).matches[0].outage
    assert outage is not None
    sim.end_outage("cto", "14", CUT + timedelta(minutes=40))
    ticks.now += 61        # past the cache
    assert service.outage is not None
    assert await service.outage.recheck(outage) is None
    record = (await service.lookup(MASSIVA)).matches[0]
    assert record.outage is None and all(c.is_online for c in record.connections)


async def test_twenty_calls_cost_a_few_requests(service: IxcService, sim: SimulatorHandle,
                                                ticks: FakeMonotonic) -> None:
    sim.stage_outage("cto", "14", CUT, share=0.75)
    callers = [r for r in sim.tables["radusuarios"] if r["id_caixa_ftth"] == "14"
               and r["online"] == "N"]
    phones = {r["id"]: r["fone"] or r["telefone_celular"] for r in sim.tables["cliente"]}
    numbers = [phones[str(r["id_cliente"])] for r in callers]
    sim.reset_log()
    for n in range(20):
        record = (await service.lookup(numbers[n % len(numbers)])).matches[0]
        assert record.outage is not None and record.outage.scope is OutageScope.CTO
        ticks.now += 2      # twenty calls in 40 s
    # two scopes (CTO and concentrador) × 2 counts, once: the cache serves the other calls
    assert _scope_requests(sim) == 4


async def test_slow_outage_query_leaves_the_card_complete(sim: SimulatorHandle) -> None:
    sim.stage_outage("cto", "14", CUT)
    sim.set_faults(slow_ms=1500, tables={"rad_caixa_ftth"})
    client = IxcClient(sim.url, DEMO_TOKEN, max_concurrency=8, timeout_s=5.0)
    try:
        service = IxcService(client, outage=OutageDetector(client, OutageRules(timeout_s=0.3)))
        record = (await service.lookup(MASSIVA)).matches[0]
    finally:
        await client.aclose()
    assert record.complete and not record.errors and record.connections
    assert record.outage is None


async def test_failing_outage_query_leaves_the_card_complete(service: IxcService,
                                                             sim: SimulatorHandle) -> None:
    sim.stage_outage("cto", "14", CUT)

    def break_after_connections(record: CustomerRecord) -> None:
        if Section.CONNECTIONS not in record.pending:   # the outage check starts now
            sim.set_faults(html_error=True, tables={"radusuarios", "rad_caixa_ftth"})

    record = (await service.lookup(MASSIVA, break_after_connections)).matches[0]
    assert record.complete and Section.CONNECTIONS not in record.errors
    assert record.connections and record.outage is None


async def test_simulator_stages_over_http(sim: SimulatorHandle) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=sim.url) as http:
        started = await http.post("/_sim/outage", json={"scope": "cto", "id": "14",
                                                        "at": "2026-09-08 14:02:00"})
        churned = await http.post("/_sim/churn", json={"count": 3, "at": "2026-09-08 14:12:00"})
        ended = await http.post("/_sim/outage", json={"scope": "cto", "id": "14",
                                                      "action": "end"})
        broken = await http.post("/_sim/outage", json={"at": "ontem"})
    assert started.json() == {"changed": 9}
    assert churned.json() == {"changed": 3}
    assert ended.json() == {"changed": 9}
    assert broken.status_code == 400

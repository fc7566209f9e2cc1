"""The first lookup on a fresh install (no phone index yet, no reference tables in memory): a
known number costs at most two request waves, while the start-up warm-up (the index's bulk
read and the reference tables) runs beside it.

A "wave" is a group of requests sent together: the simulator answers each after a fixed
latency, so requests that could only start after another answered begin at least one latency
later. Waves are counted from the simulator's own log (when each request reached it), with a
gap threshold of half the latency: a structural count, not a timing assertion."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime

import pytest

from desktop.demo.simulators.ixc import (
    DEMO_NUMBERS,
    DEMO_TOKEN,
    RequestRecord,
    SimulatorHandle,
    start_simulator,
)
from desktop.ixc.client import IxcClient
from desktop.ixc.records import IxcService
from desktop.store.database import open_database
from desktop.store.phone_index import PhoneIndex

LATENCY_MS = 120.0


def waves(requests: list[RequestRecord], latency_ms: float) -> list[list[RequestRecord]]:
    """Requests grouped by start time: a new wave when one starts > latency/2 after the last."""
    groups: list[list[RequestRecord]] = []
    for record in sorted(requests, key=lambda r: r.at):
        if groups and (record.at - groups[-1][-1].at) * 1000 <= latency_ms / 2:
            groups[-1].append(record)
        else:
            groups.append([record])
    return groups


def is_lookup_request(record: RequestRecord, customer_ids: set[str]) -> bool:
    """The lookup's own requests: the phone searches and the found customer's sections (the
    warm-up reads whole tables: no ``query`` on a customer)."""
    query = str(record.body.get("query", ""))
    qtype = str(record.body.get("qtype", ""))
    if record.table == "cliente":
        return record.body.get("oper") == "L" or (qtype == "cliente.id" and query in customer_ids)
    return qtype.endswith(".id_cliente") and query in customer_ids


@pytest.fixture
def slow_sim() -> Iterator[SimulatorHandle]:
    handle = start_simulator("127.0.0.1", 0, latency_ms=LATENCY_MS)
    try:
        yield handle
    finally:
        handle.stop()


# A number of one customer: the 4 searches, then its 5 sections. A family of 3 sharing one
# number needs 4 + 15 requests: at max_concurrency 8 (the ISP-friendly default) the sections
# cannot all go in one wave, so it takes a third.
@pytest.mark.parametrize(("key", "most"), [("em_dia", 2), ("bloqueio_automatico", 2),
                                           ("financeiro_em_atraso", 2), ("familia", 3)])
async def test_fresh_install_first_lookup_costs_two_waves(slow_sim: SimulatorHandle,
                                                          key: str, most: int) -> None:
    demo = DEMO_NUMBERS[key]
    index = PhoneIndex(open_database(":memory:"), slow_sim.url)
    async with IxcClient(slow_sim.url, DEMO_TOKEN, max_concurrency=8, timeout_s=10.0) as client:
        service = IxcService(client, index, clock=datetime.now)
        # what RamalApp does at start: the warm-up in the background, and a call arrives at once
        warm = asyncio.ensure_future(service.warm_up())
        result = await service.lookup(demo.number)
        lookup_requests = [r for r in slow_sim.requests
                           if is_lookup_request(r, {str(i) for i in demo.customer_ids})]
        await warm
        await service.idle()
    assert sorted(m.customer.id for m in result.matches) == sorted(demo.customer_ids)
    assert all(m.complete and not m.errors for m in result.matches)
    grouped = waves(lookup_requests, LATENCY_MS)
    assert len(grouped) <= most, [[(r.table, r.body.get("qtype")) for r in g] for g in grouped]
    # the index was built meanwhile: the next call of any known number is local
    assert index.customer_count() == len(slow_sim.tables["cliente"])
    assert index.last_update is not None


async def test_second_lookup_after_warm_up_is_one_wave(slow_sim: SimulatorHandle) -> None:
    demo = DEMO_NUMBERS["em_dia"]
    index = PhoneIndex(open_database(":memory:"), slow_sim.url)
    async with IxcClient(slow_sim.url, DEMO_TOKEN, max_concurrency=8, timeout_s=10.0) as client:
        service = IxcService(client, index, clock=datetime.now)
        await service.warm_up()
        slow_sim.reset_log()
        await service.lookup(demo.number)
        requests = [r for r in slow_sim.requests
                    if is_lookup_request(r, {str(i) for i in demo.customer_ids})]
        await service.idle()
    assert len(waves(requests, LATENCY_MS)) == 1
    assert not any(r.body.get("oper") == "L" for r in requests)   # no live search at all


async def test_simulator_log_serves_request_times_for_another_process(
        slow_sim: SimulatorHandle) -> None:
    """``GET /_sim/log``: what bench/ui_popup.py reads when the simulator runs apart."""
    import httpx

    async with IxcClient(slow_sim.url, DEMO_TOKEN, timeout_s=10.0) as client:
        await client.list("cliente", qtype="cliente.id", query="1", rp=1)
    async with httpx.AsyncClient() as http:
        entries = (await http.get(f"{slow_sim.url}/_sim/log")).json()["requests"]
    assert [(e["method"], e["table"]) for e in entries] == [("POST", "cliente")]
    assert entries[0]["at"] == slow_sim.requests[0].at

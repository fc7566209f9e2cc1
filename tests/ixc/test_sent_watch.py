"""Being told when a task's IXC requests have left (the desk shows the ring popup then).

Against the IXC simulator over a socket, answering after 300 ms: the callback comes before any
answer, for the watching task's requests only.
"""

from __future__ import annotations

import asyncio

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.ixc.client import IxcClient
from desktop.ixc.sent_watch import notify_when_sent


async def test_told_when_the_tasks_requests_have_left_before_any_answer(
        ixc_sim: SimulatorHandle) -> None:
    ixc_sim.set_faults(latency_ms=300)
    client = IxcClient(ixc_sim.url, ixc_sim.token)
    told: list[int] = []
    answered: list[str] = []

    async def read(table: str) -> None:
        await client.list(table, qtype=f"{table}.id", query="0", oper=">", rp=1)
        answered.append(table)

    async def watched() -> None:
        notify_when_sent(lambda: told.append(len(answered)))
        await asyncio.gather(read("cliente"), read("fn_areceber"))   # child tasks count too

    try:
        # a request of another task in flight at the same time
        await asyncio.gather(watched(), read("radusuarios"))
        assert told and set(told) == {0}            # every call came before the first answer
        assert sorted(answered) == ["cliente", "fn_areceber", "radusuarios"]
        told.clear()
        await read("su_ticket")                     # nobody watches this task
        assert told == []
    finally:
        await client.aclose()

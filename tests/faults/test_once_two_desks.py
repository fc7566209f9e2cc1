"""Two desks (two databases) log attendances for the same customer in the same IXC.

Each desk numbers its attendances from 1, so the local ids collide. Desk B's insert gets a 500
from IXC (nothing was created, but B cannot know): B must reconcile by a key only its own
attendance carries, find nothing, send, and end with its own ticket; never "enviado" with
desk A's ticket while its own was never created.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from once_desk import Desk, log_request, tickets_with

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.forward.clock import ManualClock
from desktop.store.outbox import OutboxState

# any fixed day works: what is reconciled must not depend on dates
START = datetime(2020, 1, 6, 13, 0, tzinfo=UTC)


async def test_colliding_local_ids_each_desk_gets_its_own_ticket(
    tmp_path: Path, ixc_sim: SimulatorHandle
) -> None:
    desk_a = Desk(tmp_path / "desk-a.sqlite3", ixc_sim, ManualClock(START, real_pause=0.01))
    desk_b = Desk(tmp_path / "desk-b.sqlite3", ixc_sim, ManualClock(START, real_pause=0.01))
    try:
        for desk in (desk_a, desk_b):
            await desk.service.refresh_ixc_caches()
        logged_a = await desk_a.service.log_attendance(log_request("Mesa A: sem sinal"))
        await desk_a.worker.start()
        await desk_a.worker.wait_until_idle(10)
        [ticket_a] = tickets_with(ixc_sim, "Mesa A: sem sinal")

        logged_b = await desk_b.service.log_attendance(log_request("Mesa B: troca de plano"))
        assert logged_b.attendance.id == logged_a.attendance.id     # the local ids collide
        ixc_sim.set_faults(error_500=True, tables={"su_ticket"})
        await desk_b.worker.start()
        async with asyncio.timeout(10):
            while not desk_b.outbox.get(logged_b.ticket.id).last_error:
                await asyncio.sleep(0.01)
        ixc_sim.clear_faults()
        await desk_b.worker.wait_until_idle(10)

        item_b = desk_b.outbox.get(logged_b.ticket.id)
        item_a = desk_a.outbox.get(logged_a.ticket.id)
        assert item_b.state is OutboxState.SENT
        tickets_b = tickets_with(ixc_sim, "Mesa B: troca de plano")
        assert len(tickets_b) == 1, "desk B's item reads 'enviado' but its ticket was never made"
        assert item_b.result["protocol"] == tickets_b[0]["protocolo"]
        assert item_a.result["protocol"] == ticket_a["protocolo"] != item_b.result["protocol"]
        assert item_a.payload["marker"] != item_b.payload["marker"]
    finally:
        await desk_a.close()
        await desk_b.close()

"""A wall clock stepped back a day (NTP, a PC with a wrong CMOS clock) must not hold a retry.

The desk's clock is injected: ``step_wall`` moves only the wall clock, as NTP does, while the
monotonic clock keeps real pace. Every wait the worker makes is counted on that monotonic clock,
so "retried on time" means: within the back-off maximum after the failure, not 24 h later.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from once_desk import Desk, log_request, tickets_with

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.forward.clock import ManualClock
from desktop.retry.backoff import Backoff
from desktop.store.outbox import OutboxItem, OutboxState

DAY_S = 24 * 3600.0
BACKOFF = Backoff(first_s=5.0, maximum_s=60.0, low=0.5, high=1.0)
START = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)


async def test_clock_stepped_back_after_a_failure_retries_within_the_backoff(
    tmp_path: Path, ixc_sim: SimulatorHandle
) -> None:
    clock = ManualClock(START, real_pause=0.01)
    desk = Desk(tmp_path / "desk.sqlite3", ixc_sim, clock, BACKOFF)
    stepped_at: list[float] = []

    def on_change(item: OutboxItem) -> None:
        if item.last_error and not stepped_at:
            # right after the failed attempt is scheduled: IXC is back, and NTP sets the
            # PC's clock back a day
            ixc_sim.clear_faults()
            clock.step_wall(-DAY_S)
            stepped_at.append(clock.monotonic())

    try:
        await desk.service.refresh_ixc_caches()
        logged = await desk.service.log_attendance(log_request("Relógio: sem sinal"))
        desk.worker.subscribe(on_change)
        ixc_sim.set_faults(error_500=True, tables={"su_ticket"})
        await desk.worker.start()
        await desk.worker.wait_until_idle(30)
        item = desk.outbox.get(logged.ticket.id)
        assert item.state is OutboxState.SENT and stepped_at
        assert len(tickets_with(ixc_sim, "Relógio: sem sinal")) == 1
        waited_s = clock.monotonic() - stepped_at[0]
        assert waited_s <= BACKOFF.maximum_s, f"retried {waited_s:.0f} s after the failure"
    finally:
        await desk.close()


async def test_due_time_left_by_a_previous_run_is_capped_after_the_clock_stepped_back(
    tmp_path: Path, ixc_sim: SimulatorHandle
) -> None:
    db_path = tmp_path / "desk.sqlite3"
    clock = ManualClock(START, real_pause=0.01)
    # first run: IXC answers 500, the item waits for its next attempt when the app is closed
    first = Desk(db_path, ixc_sim, clock, BACKOFF)
    try:
        await first.service.refresh_ixc_caches()
        logged = await first.service.log_attendance(log_request("Reinício: sem sinal"))
        ixc_sim.set_faults(error_500=True, tables={"su_ticket"})
        await first.worker.start()
        async with asyncio.timeout(10):
            while not first.outbox.get(logged.ticket.id).last_error:
                await asyncio.sleep(0.01)
    finally:
        await first.close()
    ixc_sim.clear_faults()
    # the PC starts again with its clock a day behind
    clock.step_wall(-DAY_S)
    second = Desk(db_path, ixc_sim, clock, BACKOFF)
    try:
        started = clock.monotonic()
        await second.worker.start()
        await second.worker.wait_until_idle(30)
        assert second.outbox.get(logged.ticket.id).state is OutboxState.SENT
        assert len(tickets_with(ixc_sim, "Reinício: sem sinal")) == 1
        waited_s = clock.monotonic() - started
        assert waited_s <= BACKOFF.maximum_s, f"sent {waited_s:.0f} s after the restart"
    finally:
        await second.close()

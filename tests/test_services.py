"""What build_services opens is closed by its closers: IXC's background work included."""

from __future__ import annotations

import asyncio
import inspect
import logging
from pathlib import Path

import pytest

from desktop.app.services import build_services
from desktop.demo.simulators.ixc import DEMO_TOKEN, start_simulator
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.settings.model import IxcSettings, Settings


async def test_the_closers_cancel_the_ixc_services_background_index_refresh(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    sim = start_simulator("127.0.0.1", 0)
    try:
        services = build_services(Settings(ixc=IxcSettings(url=sim.url, token=DEMO_TOKEN)),
                                  tmp_path / "ramal.sqlite3")
        ixc = services.ixc
        await ixc.warm_up()                  # the phone index is built: lookups refresh it
        ixc.index_refresh_every_s = 0.0
        before = asyncio.all_tasks()
        await ixc.lookup(DEMO_NUMBERS["em_dia"].number)
        # the refresh the lookup left in the background now waits on a slow IXC
        sim.set_faults(latency_ms=1500)
        background = asyncio.all_tasks() - before
        assert background, "the lookup started no background refresh"
        while sim.state.in_flight == 0:      # the refresh's request reached IXC
            await asyncio.sleep(0.01)
        caplog.set_level(logging.WARNING, logger="desktop.ixc")
        for close in services.closers:
            result = close()
            if inspect.isawaitable(result):
                await result
        # cancelled at quit, not failed on a closed client (which logged a bogus warning)
        assert [t.cancelled() for t in background] == [True] * len(background)
        assert [r.getMessage() for r in caplog.records if r.name.startswith("desktop.ixc")] == []
    finally:
        sim.stop()

"""IxcSession (and the agent's ixc_start/ixc_close): background warm-up, close at exit."""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from desktop.app.agent import Agent
from desktop.demo.simulators.ixc import DEMO_NUMBERS, DEMO_TOKEN, SimulatorHandle
from desktop.ixc.session import IxcSession
from desktop.settings.model import IxcSettings, Settings


async def test_warm_up_runs_in_the_background_then_lookups_are_local(
        sim: SimulatorHandle) -> None:
    sim.set_faults(latency_ms=100)
    session = IxcSession(IxcSettings(url=sim.url, token=DEMO_TOKEN), database_path=":memory:")
    try:
        task = session.start()
        assert not task.done()             # start() returned at once: nothing was awaited
        assert session.start() is task     # once
        await task
        index = session.service.index
        assert index is not None and index.customer_count() == len(sim.tables["cliente"])
        sim.set_faults(latency_ms=0)
        sim.reset_log()
        result = await session.lookup(DEMO_NUMBERS["em_dia"].number)
        assert [m.customer.id for m in result.matches] == [101]
        assert not [r for r in sim.requests if r.body.get("oper") == "L"]   # from the index
    finally:
        await session.aclose()
    assert session.client._http.is_closed


async def test_close_during_warm_up_cancels_it(sim: SimulatorHandle) -> None:
    sim.set_faults(latency_ms=300)
    session = IxcSession(IxcSettings(url=sim.url, token=DEMO_TOKEN), database_path=":memory:")
    task = session.start()
    await asyncio.sleep(0.05)
    await session.aclose()
    assert task.done() and session.client._http.is_closed


async def test_agent_warms_up_at_start_and_closes(sim: SimulatorHandle, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    out = io.StringIO()
    agent = Agent(Settings(ixc=IxcSettings(url=sim.url, token=DEMO_TOKEN)), None, out)
    agent.ixc_start()
    session = agent._ixc_session()
    assert session._warm_up is not None
    await session._warm_up
    sim.reset_log()
    await agent._emit_customer_record(SimpleNamespace(call_id="3",
                                                      number=DEMO_NUMBERS["empresa"].number))
    line = json.loads(out.getvalue())
    assert [m["customer"]["id"] for m in line["matches"]] == ["116"]
    assert not [r for r in sim.requests if r.body.get("oper") == "L"]
    await agent.ixc_close()
    assert session.client._http.is_closed
    await agent.ixc_close()                # twice is harmless


def test_agent_without_ixc_starts_nothing() -> None:
    agent = Agent(Settings(), None, io.StringIO())
    agent.ixc_start()
    assert getattr(agent, "_ixc", None) is None

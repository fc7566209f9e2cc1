"""The headless agent's customer_record event, fed by IxcService against the simulator."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from desktop.app.agent import Agent
from desktop.demo.simulators.ixc import DEMO_NUMBERS, DEMO_TOKEN, SimulatorHandle
from desktop.settings.model import IxcSettings, Settings


async def test_customer_record_event(sim: SimulatorHandle, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    out = io.StringIO()
    agent = Agent(Settings(ixc=IxcSettings(url=sim.url, token=DEMO_TOKEN)), None, out)
    call = SimpleNamespace(call_id="7", number=DEMO_NUMBERS["familia"].number)
    await agent._emit_customer_record(call)
    sim.set_faults(unauthorized=True)
    await agent._emit_customer_record(call)
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert first["event"] == "customer_record" and first["call_id"] == "7"
    assert [m["customer"]["id"] for m in first["matches"]] == ["108", "109", "110"]
    assert "elapsed_ms" in first
    assert second["matches"] == [] and "recusou o token" in second["error"]
    assert DEMO_TOKEN.split(":")[1] not in out.getvalue()


async def test_customer_record_event_carries_the_outage(
        sim: SimulatorHandle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime, timedelta

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    cut = datetime.now().replace(microsecond=0) - timedelta(minutes=3)
    sim.stage_outage("cto", "14", cut)
    out = io.StringIO()
    agent = Agent(Settings(ixc=IxcSettings(url=sim.url, token=DEMO_TOKEN)), None, out)
    await agent._emit_customer_record(SimpleNamespace(call_id="8",
                                                      number=DEMO_NUMBERS["massiva"].number))
    await agent._emit_customer_record(SimpleNamespace(call_id="9",
                                                      number=DEMO_NUMBERS["em_dia"].number))
    outage, calm = (json.loads(line) for line in out.getvalue().splitlines())
    assert outage["matches"][0]["outage"]["scope"] == "cto"
    assert outage["matches"][0]["outage"]["offline"] == 9
    assert calm["matches"][0]["outage"] is None

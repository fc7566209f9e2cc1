"""Fixtures: the 3CX XAPI simulator over loopback sockets, and a client pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from desktop.demo.simulators.threecx import ThreecxSimulator, start_threecx_simulator
from desktop.threecx.client import XapiClient
from tests.threecx.xapi_support import SP, TODAY, FakeMonotonic, settings_for


@pytest.fixture
def pbx() -> Iterator[ThreecxSimulator]:
    sim = start_threecx_simulator(today=TODAY, zone=SP)
    try:
        yield sim
    finally:
        sim.stop()


@pytest.fixture
def clock() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
async def xapi(pbx: ThreecxSimulator, clock: FakeMonotonic) -> AsyncIterator[XapiClient]:
    client = XapiClient(settings_for(pbx), monotonic=clock, timeout_s=5.0)
    try:
        yield client
    finally:
        await client.aclose()

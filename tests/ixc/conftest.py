"""Fixtures: the IXC simulator over real loopback sockets, and clients pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from desktop.demo.simulators.ixc import DEMO_TOKEN, SimulatorHandle, start_simulator
from desktop.ixc.client import IxcClient


@pytest.fixture
def sim() -> Iterator[SimulatorHandle]:
    handle = start_simulator("127.0.0.1", 0)
    try:
        yield handle
    finally:
        handle.stop()


@pytest.fixture
async def client(sim: SimulatorHandle) -> AsyncIterator[IxcClient]:
    c = IxcClient(sim.url, DEMO_TOKEN, max_concurrency=8, timeout_s=5.0)
    try:
        yield c
    finally:
        await c.aclose()

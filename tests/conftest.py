"""Suite-wide set-up: Qt runs offscreen, and tests are marked by the real peers they need."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.demo.simulators.discord import DiscordSimulator, start_discord_simulator
from desktop.demo.simulators.ixc import SimulatorHandle, start_simulator
from desktop.demo.simulators.opa import OpaSimulator, start_opa_simulator

# pytest-qt creates the QApplication; offscreen unless a test starts its own Xvfb display
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_MARK_BY_FOLDER = {"sip": "sip", "audio": "audio"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark tests by folder so `-m "not sip"` selects what a machine without Kamailio can run."""
    root = Path(__file__).parent
    for item in items:
        parts = Path(item.path).relative_to(root).parts
        if parts and parts[0] in _MARK_BY_FOLDER:
            item.add_marker(_MARK_BY_FOLDER[parts[0]])


# --- the simulators (real HTTP servers on a free loopback port), shared by tests/forward and the
# end-to-end attendance flow; each stops when its test ends

@pytest.fixture
def ixc_sim() -> Iterator[SimulatorHandle]:
    with start_simulator() as sim:
        yield sim


@pytest.fixture
def discord_sim() -> Iterator[DiscordSimulator]:
    with start_discord_simulator() as sim:
        yield sim


@pytest.fixture
def opa_sim() -> Iterator[OpaSimulator]:
    with start_opa_simulator() as sim:
        yield sim

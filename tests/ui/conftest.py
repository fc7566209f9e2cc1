"""The desk offscreen: DeskUnderTest with the real services on the demo's simulators (IXC, Discord,
OPA over sockets) and a recording engine in place of pjsua2."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.app.services import build_services
from desktop.demo.desk_demo import DemoBackends
from desktop.desk.ports import EngineFactory
from desktop.settings.toml_file import MemorySecretStore
from desktop.system.autostart import Autostart
from tests.ui.desk_under_test import DeskUnderTest
from tests.ui.recording_engine import CallingEngine, RecordingEngine


@pytest.fixture
async def desk(tmp_path: Path, qtbot: QtBot) -> AsyncIterator[tuple[DeskUnderTest, DemoBackends]]:
    async with _desk(tmp_path, qtbot, RecordingEngine) as running:
        yield running


@pytest.fixture
async def calling_desk(tmp_path: Path,
                       qtbot: QtBot) -> AsyncIterator[tuple[DeskUnderTest, DemoBackends]]:
    """The same desk, its engine posting the events its commands cause (hold → held...)."""
    async with _desk(tmp_path, qtbot, CallingEngine) as running:
        yield running


@contextlib.asynccontextmanager
async def _desk(tmp_path: Path, qtbot: QtBot,
                engine: EngineFactory) -> AsyncIterator[tuple[DeskUnderTest, DemoBackends]]:
    backends = DemoBackends.start()
    settings = backends.settings(5999)
    services = build_services(settings, tmp_path / "ramal.sqlite3")
    ramal = DeskUnderTest(settings, engine, services=services,
                          secret_store=MemorySecretStore(), config_path=tmp_path / "ramal.toml",
                          # a scratch XDG_CONFIG_HOME: the session running the tests is left alone
                          autostart=Autostart(["/opt/ramal/ramal", "gui", "--minimized"],
                                              config_home=tmp_path / "xdg"))
    qtbot.addWidget(ramal.window)
    ramal.start(show_window=False)
    try:
        yield ramal, backends
    finally:
        ramal.shutdown()
        await ramal.finish_commands()
        for close in services.closers:
            result = close()
            if asyncio.iscoroutine(result):
                await result
        backends.stop()

"""The desk's background work (settings tests, exports, attendance commands) logs its failures
at once, on the desk's logger, instead of dropping them."""

from __future__ import annotations

import asyncio
import logging

import pytest

from desktop.demo.desk_demo import DemoBackends
from tests.ui.desk_under_test import DeskUnderTest


async def broken() -> None:
    await asyncio.sleep(0)
    raise RuntimeError("boom")


def desk_failures(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name.startswith("desktop.") and "boom" in r.getMessage()]


async def test_the_desks_background_failure_reaches_the_log(
        desk: tuple[DeskUnderTest, DemoBackends], caplog: pytest.LogCaptureFixture) -> None:
    ramal, _ = desk
    caplog.set_level(logging.WARNING)
    ramal.settings_flow.spawn(broken())     # what "Testar conexão" and the export run through
    for _ in range(5):
        await asyncio.sleep(0)
    assert desk_failures(caplog) == ["desk background work failed: RuntimeError('boom')"]


async def test_a_failing_attendance_command_reaches_the_log(
        desk: tuple[DeskUnderTest, DemoBackends], caplog: pytest.LogCaptureFixture) -> None:
    ramal, _ = desk
    caplog.set_level(logging.WARNING)
    ramal.attendance.spawn(broken())
    await ramal.attendance.wait_idle()
    assert desk_failures(caplog) == ["attendance command failed: RuntimeError('boom')"]

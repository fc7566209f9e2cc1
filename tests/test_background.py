"""BackgroundTasks: tasks held until they end, failures logged on the owner's logger at once."""

from __future__ import annotations

import asyncio
import logging

import pytest

from desktop.system.background import BackgroundTasks

log = logging.getLogger("desktop.test_owner")


class RemoteError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


async def fail(exc: Exception) -> None:
    await asyncio.sleep(0)
    raise exc


async def test_a_failing_task_is_logged_with_what_it_was_doing(
        caplog: pytest.LogCaptureFixture) -> None:
    tasks = BackgroundTasks(log, "owner work")
    caplog.set_level(logging.WARNING, logger="desktop.test_owner")
    tasks.spawn(fail(RuntimeError("boom")))
    tasks.spawn(fail(RemoteError("IXC não respondeu")), what="IXC warm-up")
    await tasks.wait()
    lines = sorted((r.name, r.getMessage(), r.exc_info is not None) for r in caplog.records)
    assert lines == [
        # our errors carry their own message for the agent: no traceback
        ("desktop.test_owner", "IXC warm-up failed: IXC não respondeu", False),
        # anything else is a bug: its traceback goes to the log
        ("desktop.test_owner", "owner work failed: RuntimeError('boom')", True),
    ]
    assert len(tasks) == 0


async def test_tasks_are_held_until_they_end_and_cancelled_quietly(
        caplog: pytest.LogCaptureFixture) -> None:
    tasks = BackgroundTasks(log)
    release = asyncio.Event()
    caplog.set_level(logging.WARNING)
    finished = tasks.spawn(release.wait())
    stuck = tasks.spawn(asyncio.Event().wait())
    assert set(tasks) == {finished, stuck}
    release.set()
    await finished
    await asyncio.sleep(0)
    assert list(tasks) == [stuck]
    await tasks.aclose()
    assert stuck.cancelled()
    assert len(tasks) == 0
    assert caplog.records == []


async def test_wait_also_waits_for_work_started_meanwhile() -> None:
    tasks = BackgroundTasks(log)
    done: list[str] = []

    async def second() -> None:
        await asyncio.sleep(0)
        done.append("second")

    async def first() -> None:
        await asyncio.sleep(0)
        tasks.spawn(second())
        done.append("first")

    tasks.spawn(first())
    await tasks.wait()
    assert done == ["first", "second"]

"""Time as the outbox and the services see it, injectable so backoff tests take no real time."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        ...

    async def sleep(self, seconds: float) -> None:
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class ManualClock:
    """A clock that only moves when slept on (or advanced): every sleep is recorded.

    Sleeping still yields to the event loop (and waits ``real_pause`` real seconds) so other
    tasks, and the HTTP servers they talk to, make progress while fake hours go by.
    """

    def __init__(self, start: datetime | None = None, real_pause: float = 0.002) -> None:
        self._now = start or datetime(2026, 3, 2, 13, 0, tzinfo=UTC)
        self.real_pause = real_pause
        self.sleeps: list[float] = []

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)

    async def sleep(self, seconds: float) -> None:
        seconds = max(0.0, seconds)
        self.sleeps.append(seconds)
        self.advance(seconds)
        await asyncio.sleep(self.real_pause)

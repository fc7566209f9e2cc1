"""Time as the outbox and the services see it, injectable so backoff tests take no real time.

Two readings: ``now()`` is the wall clock (what is stored and shown; NTP or the agent may step
it, backwards too), ``monotonic()`` only moves forward at the pace of real time and is what a
wait is measured with.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never steps; only differences between readings mean anything."""
        ...

    async def sleep(self, seconds: float) -> None:
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class ManualClock:
    """A clock that only moves when slept on (or advanced): every sleep is recorded.

    :meth:`step_wall` moves the wall clock alone, as NTP stepping it would.

    Sleeping still yields to the event loop (and waits ``real_pause`` real seconds) so other
    tasks, and the HTTP servers they talk to, make progress while fake hours go by.
    """

    def __init__(self, start: datetime | None = None, real_pause: float = 0.002) -> None:
        self._now = start or datetime(2026, 3, 2, 13, 0, tzinfo=UTC)
        self._monotonic = 1000.0
        self.real_pause = real_pause
        self.sleeps: list[float] = []

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._monotonic

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)
        self._monotonic += seconds

    def step_wall(self, seconds: float) -> None:
        """The wall clock jumps (negative: backwards); the monotonic clock does not."""
        self._now += timedelta(seconds=seconds)

    async def sleep(self, seconds: float) -> None:
        seconds = max(0.0, seconds)
        self.sleeps.append(seconds)
        self.advance(seconds)
        await asyncio.sleep(self.real_pause)

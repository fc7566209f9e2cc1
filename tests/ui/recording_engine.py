"""A stand-in for the SIP engine in offscreen desk tests: every command succeeds at once and is
remembered (the real engine runs in tests/ui/test_desk_xvfb.py, in its own process)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from desktop.sip.events import SipEvent


class RecordingEngine:
    """Answers every command at once and remembers it."""

    def __init__(self, on_event: Callable[[SipEvent], None]) -> None:
        self.on_event = on_event
        self.commands: list[tuple[str, tuple[Any, ...]]] = []

    def _done(self, name: str, *args: Any) -> Future[Any]:
        self.commands.append((name, args))
        future: Future[Any] = Future()
        future.set_result(None)
        return future

    def start(self, settings: Any) -> Future[None]:
        return self._done("start")

    def __getattr__(self, name: str) -> Callable[..., Future[Any]]:
        return lambda *args: self._done(name, *args)

    def shutdown(self, timeout: float = 2.0) -> bool:
        self.commands.append(("shutdown", ()))
        return True


async def until(check: Callable[[], Any], timeout_s: float = 10.0) -> Any:
    async with asyncio.timeout(timeout_s):
        while not (value := check()):
            await asyncio.sleep(0.02)
    return value

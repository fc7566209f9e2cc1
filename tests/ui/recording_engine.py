"""A stand-in for the SIP engine in offscreen desk tests: every command succeeds at once and is
remembered (the real engine runs in tests/ui/test_desk_xvfb.py, in its own process).

:class:`CallingEngine` also posts the events the real :class:`~desktop.sip.engine.SipEngine`
posts on its own for the commands of an attended transfer (see desktop/sip/calls.py): ``call``
→ ``OutgoingCallStarted`` + ``calling`` and a new call id; ``hold``/``resume`` →
``held``/``resumed``; ``hangup`` → ``CallEnded``; ``attended_transfer`` → ``transferring``; all
before the command's future resolves, as on the engine thread. What the network decides (the
sector answers, is busy, the REFER's result) the test posts itself with ``handle_event``."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from desktop.sip.events import (
    CallEnded,
    CallStateChanged,
    OutgoingCallStarted,
    SipEvent,
)


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


class CallingEngine(RecordingEngine):
    """A recording engine whose commands post the events the real engine posts for them."""

    def __init__(self, on_event: Callable[[SipEvent], None]) -> None:
        super().__init__(on_event)
        self.placed = 0

    def call(self, number: str) -> Future[Any]:
        self.placed += 1
        call_id = f"out{self.placed}"
        self.on_event(OutgoingCallStarted(call_id, number, f"sip:{number}@pbx.test"))
        self.on_event(CallStateChanged(call_id, "calling"))
        self._done("call", number)
        future: Future[Any] = Future()
        future.set_result(call_id)
        return future

    def hold(self, call_id: str) -> Future[Any]:
        self.on_event(CallStateChanged(call_id, "held"))
        return self._done("hold", call_id)

    def resume(self, call_id: str) -> Future[Any]:
        self.on_event(CallStateChanged(call_id, "resumed"))
        return self._done("resume", call_id)

    def hangup(self, call_id: str) -> Future[Any]:
        self.on_event(CallEnded(call_id, "completed", 1.0, 200, "OK"))
        return self._done("hangup", call_id)

    def attended_transfer(self, call_id: str, other_call_id: str) -> Future[Any]:
        self.on_event(CallStateChanged(call_id, "transferring"))
        return self._done("attended_transfer", call_id, other_call_id)


async def until(check: Callable[[], Any], timeout_s: float = 10.0) -> Any:
    async with asyncio.timeout(timeout_s):
        while not (value := check()):
            await asyncio.sleep(0.02)
    return value

"""When a ringing call's card is redrawn while its IXC lookup fills the record in.

The lookup reports the record as it grows: the identity, then each section. They mostly answer
together (one request wave), but reach the desk over several loop turns, one HTTP reply at a
time; rendering each as it comes cost a card render per turn (the identity alone, with every
section still "carregando", then the sections), and every render delays the processing of the
replies behind it. Measured with ``bench/ui_popup.py``: the identity render and its paint kept
the section replies waiting ~15 ms, then the sections were drawn a second time.

So an incomplete record waits a short settle time for the rest of its wave, and the moment the
record is complete it is drawn on the next loop turn: a one-wave lookup costs one render. A
slow section (or a lookup that needs a second wave) shows the identity after the settle time,
which is too short for an agent to notice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Protocol

# long enough for the replies of one wave to be read (they land within a few ms of each other),
# short enough that the identity of a customer whose sections are slow is not noticeably late
SETTLE_S = 0.03


class Cancellable(Protocol):
    def cancel(self) -> None: ...


Scheduler = Callable[[float, Callable[[], None]], Cancellable]


def loop_scheduler(delay_s: float, callback: Callable[[], None]) -> Cancellable:
    """The running asyncio loop's timer (0 = the next loop turn)."""
    loop = asyncio.get_running_loop()
    if delay_s <= 0:
        return loop.call_soon(callback)
    return loop.call_later(delay_s, callback)


class CardUpdateBatch:
    """Turns a lookup's stream of record updates into few calls of ``render``."""

    def __init__(self, render: Callable[[], None], *, settle_s: float = SETTLE_S,
                 schedule: Scheduler = loop_scheduler) -> None:
        self._render = render
        self.settle_s = settle_s
        self._schedule = schedule
        self._pending: Cancellable | None = None
        self._pending_soon = False     # the pending render is the next-turn one

    @property
    def waiting(self) -> bool:
        return self._pending is not None

    def push(self, complete: bool) -> None:
        """A new state of the record arrived; ``complete`` when nothing is loading any more."""
        if complete:
            if self._pending is not None and self._pending_soon:
                return
            self.cancel()
            self._pending, self._pending_soon = self._schedule(0, self._fire), True
        elif self._pending is None:
            self._pending, self._pending_soon = self._schedule(self.settle_s, self._fire), False

    def cancel(self) -> None:
        """Drop the render still waiting (the lookup ended and draws its final result)."""
        if self._pending is not None:
            self._pending.cancel()
        self._pending = None

    def _fire(self) -> None:
        self._pending = None
        self._render()

"""The outbox worker: sends stored items, one at a time per lane, until each is sent or failed.

Delivery is delegated to one :class:`DeliveryHandler` per item kind. A handler answers with an
:data:`Outcome`; the worker turns it into a state change in the store, so whatever the handler
does, what the agent sees (pendente / enviando / enviado / falhou) is what SQLite says.

"Never twice" rests on two rules:

* an item is marked ``enviando`` (committed) *before* its request leaves, and
* an ``enviando`` item is never sent again blindly: it is first handed to the handler's
  :meth:`~DeliveryHandler.reconcile`, which looks at the remote side (e.g. the IXC ticket with
  this item's marker) and says whether it arrived. Items killed mid-request, and requests that
  timed out, both go through that path.

Waits (back-off, the hold on a request in flight) are measured on the monotonic clock, so a wall
clock stepped back by NTP does not hold an item for hours (see :mod:`desktop.forward.due_times`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol

from desktop.forward.clock import Clock, SystemClock
from desktop.forward.due_times import DueTimes
from desktop.i18n import tr
from desktop.retry.backoff import Backoff
from desktop.store.outbox import Outbox, OutboxItem, OutboxState

log = logging.getLogger(__name__)

_CONTEXT = "outbox"


@dataclass(frozen=True)
class Delivered:
    result: Mapping[str, Any] = field(default_factory=dict)
    # the remote side said its bucket is empty: wait this long before the lane's next request
    lane_pause_s: float = 0.0


@dataclass(frozen=True)
class RetryLater:
    """A transient failure (network down, 5xx, 429): the request certainly did not take effect."""

    error: str
    retry_after_s: float | None = None


@dataclass(frozen=True)
class Uncertain:
    """The request may have taken effect (timeout after sending): reconcile before resending."""

    error: str


@dataclass(frozen=True)
class Failed:
    """A permanent failure; with ``disable_lane`` the destination itself is gone."""

    error: str
    disable_lane: bool = False


@dataclass(frozen=True)
class NotDelivered:
    """Answer of :meth:`DeliveryHandler.reconcile`: the remote side does not have it; send."""


Outcome = Delivered | RetryLater | Uncertain | Failed
ReconcileOutcome = Delivered | NotDelivered | RetryLater | Failed


class DeliveryHandler(Protocol):
    async def deliver(self, item: OutboxItem) -> Outcome:
        """Send the item once. Must not raise for expected remote/network failures."""
        ...

    async def reconcile(self, item: OutboxItem) -> ReconcileOutcome:
        """Find out whether an earlier, interrupted attempt of ``item`` took effect."""
        ...


# 2 s, 4 s, 8 s… up to 5 min, times 0.5–1.0: the lanes retrying a dead server spread out
OUTBOX_BACKOFF = Backoff(first_s=2.0, maximum_s=300.0, low=0.5, high=1.0)


ItemListener = Callable[[OutboxItem], None]


class OutboxWorker:
    """Sends what :class:`Outbox` holds. ``start()`` once the loop runs; ``stop()`` on quit."""

    def __init__(
        self,
        outbox: Outbox,
        handlers: Mapping[str, DeliveryHandler],
        *,
        clock: Clock | None = None,
        backoff: Backoff | None = None,
        rng: random.Random | None = None,
        poll_interval_s: float = 5.0,
        in_flight_grace_s: float = 30.0,
    ) -> None:
        self._outbox = outbox
        self._handlers = dict(handlers)
        self._clock = clock or SystemClock()
        self._backoff = backoff or OUTBOX_BACKOFF
        self._rng = rng or random.Random()
        self._poll_interval_s = poll_interval_s
        # how long a server may still be working on a request whose sender died (see Outbox)
        self._in_flight_grace = timedelta(seconds=in_flight_grace_s)
        # a due time read from the store (a previous run's) never means a longer wait than this
        self._due = DueTimes(self._clock, max(self._backoff.maximum_s, in_flight_grace_s))
        self._lanes: dict[str, asyncio.Task[None]] = {}
        self._lane_wake: dict[str, asyncio.Event] = {}
        # the supervisor's wait: a future on the loop captured by start() (see _supervise)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Future[None] | None = None
        self._supervisor: asyncio.Task[None] | None = None
        self._stopping = False
        self._listeners: list[ItemListener] = []

    # --- public API ---------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._supervisor is not None and not self._supervisor.done()

    def subscribe(self, listener: ItemListener) -> None:
        """Call ``listener(item)`` after every state change (on the loop's thread)."""
        self._listeners.append(listener)

    async def start(self) -> None:
        if self.running:
            return
        self._stopping = False
        self._loop = asyncio.get_running_loop()
        self._supervisor = self._loop.create_task(self._supervise(), name="outbox-supervisor")

    async def stop(self, grace_s: float = 5.0) -> None:
        """Let requests in flight finish (up to ``grace_s``), then cancel what is left.

        A request cancelled here leaves its item ``enviando``; the next start reconciles it.
        """
        self._stopping = True
        self._wake_supervisor()
        for event in self._lane_wake.values():
            event.set()
        tasks = [t for t in [self._supervisor, *self._lanes.values()] if t is not None]
        if tasks:
            _done, pending = await asyncio.wait(tasks, timeout=grace_s)
            for task in pending:
                task.cancel()
            for task in pending:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._supervisor = None
        self._lanes.clear()

    def notify(self) -> None:
        """Something was enqueued or retried: look at the store now rather than at the next poll."""
        self._wake_supervisor()
        for event in self._lane_wake.values():
            event.set()

    def retry(self, item_id: int) -> OutboxItem:
        """The agent's "tentar de novo" on an item (re-enabling its destination if disabled)."""
        item = self._outbox.get(item_id)
        if item.state is OutboxState.FAILED:
            self._outbox.enable_targets_of(item.kind, item.target)
        item = self._outbox.retry(item_id, self._clock.now())
        self._emit(item)
        self.notify()
        return item

    async def wait_until_idle(self, timeout_s: float = 30.0) -> None:
        """Wait (real time) until nothing is pending or in flight; for tests and the CLI."""
        async with asyncio.timeout(timeout_s):
            while self._outbox.active_lanes():
                await asyncio.sleep(0.01)

    # --- loops --------------------------------------------------------------------------------

    async def _supervise(self) -> None:
        """Start a task for each lane with work, then wait for a wake-up or the next poll.

        Only the loop captured by :meth:`start` is used, never "the running loop": qasync runs
        the Qt event queue once more after its loop stopped (the desk quitting), with no running
        loop set, and a supervisor step falling there raised ``RuntimeError('no running event
        loop')`` at shutdown. For the same reason lanes start only while the loop runs: a lane
        stepped then would send with no loop; :meth:`stop` comes right after anyway.
        """
        loop = self._loop
        assert loop is not None
        while not self._stopping:
            if loop.is_running():
                for lane in self._outbox.active_lanes():
                    task = self._lanes.get(lane)
                    if task is None or task.done():
                        self._lane_wake.setdefault(lane, asyncio.Event())
                        self._lanes[lane] = loop.create_task(
                            self._run_lane(lane), name=f"outbox-lane-{lane}"
                        )
            await self._wait_for_wake(loop, self._poll_interval_s)

    async def _wait_for_wake(self, loop: asyncio.AbstractEventLoop, timeout_s: float) -> None:
        wake: asyncio.Future[None] = loop.create_future()
        self._wake = wake
        timer = loop.call_later(timeout_s, self._wake_supervisor)
        try:
            await wake
        finally:
            timer.cancel()
            self._wake = None

    def _wake_supervisor(self) -> None:
        if self._wake is not None and not self._wake.done():
            self._wake.set_result(None)

    async def _run_lane(self, lane: str) -> None:
        wake = self._lane_wake[lane]
        while not self._stopping:
            head = self._outbox.lane_head(lane)
            if head is None:
                return
            handler = self._handlers.get(head.kind)
            if handler is None:
                self._emit(self._outbox.mark_failed(head.id, tr(
                    _CONTEXT, "Tipo de envio desconhecido: {kind}.").format(kind=head.kind)))
                continue
            wait_s = self._due.wait_s(head)
            if wait_s > 0:
                await self._sleep_or_wake(wait_s, wake)
                continue
            try:
                pause_s = await self._process(head, handler)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a bug in a handler must not kill the lane forever
                log.exception("outbox item %s: handler crashed", head.id)
                self._retry_later(
                    head.id, tr(_CONTEXT, "Erro interno ao enviar: {error}").format(error=exc),
                    self._delay(head.attempts or 1, None), uncertain=True)
                pause_s = 0.0
            if pause_s > 0:
                await self._sleep_or_wake(pause_s, None)

    async def _sleep_or_wake(self, seconds: float, wake: asyncio.Event | None) -> None:
        if wake is None:
            await self._clock.sleep(seconds)
            return
        wake.clear()
        sleeper = asyncio.ensure_future(self._clock.sleep(seconds))
        waker = asyncio.ensure_future(wake.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sleeper, waker):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    def _delay(self, attempts: int, retry_after_s: float | None) -> float:
        return self._backoff.delay(attempts, self._rng, retry_after_s)

    def _retry_later(self, item_id: int, error: str, delay_s: float, *, uncertain: bool) -> None:
        """Store the next attempt's wall-clock time; wait for it on the monotonic clock."""
        when = self._clock.now() + timedelta(seconds=delay_s)
        mark = self._outbox.mark_uncertain if uncertain else self._outbox.mark_retry
        stored = mark(item_id, error, when)
        self._due.scheduled(stored, delay_s)
        self._emit(stored)

    async def _process(self, item: OutboxItem, handler: DeliveryHandler) -> float:
        """Reconcile (if needed) and send ``item``; return how long the lane should pause."""
        if item.state is OutboxState.SENDING:
            check = await handler.reconcile(item)
            if isinstance(check, Delivered):
                self._emit(self._outbox.mark_sent(item.id, self._clock.now(), check.result))
                return check.lane_pause_s
            if isinstance(check, Failed):
                self._emit(self._outbox.mark_failed(item.id, check.error))
                return 0.0
            if isinstance(check, RetryLater):
                self._retry_later(item.id, check.error,
                                  self._delay(max(1, item.attempts), check.retry_after_s),
                                  uncertain=True)
                return 0.0
            # NotDelivered: safe to send again
        started = self._clock.now()
        sending = self._outbox.mark_sending(item.id, started, started + self._in_flight_grace)
        self._due.scheduled(sending, self._in_flight_grace.total_seconds())
        self._emit(sending)
        outcome = await handler.deliver(sending)
        now = self._clock.now()
        if isinstance(outcome, Delivered):
            self._emit(self._outbox.mark_sent(item.id, now, outcome.result))
            return outcome.lane_pause_s
        if isinstance(outcome, RetryLater):
            self._retry_later(item.id, outcome.error,
                              self._delay(sending.attempts, outcome.retry_after_s),
                              uncertain=False)
            return 0.0
        if isinstance(outcome, Uncertain):
            self._retry_later(item.id, outcome.error, self._delay(sending.attempts, None),
                              uncertain=True)
            return 0.0
        self._emit(self._outbox.mark_failed(item.id, outcome.error))
        if outcome.disable_lane:
            for other in self._outbox.fail_lane(item.lane, outcome.error):
                self._emit(other)
        return 0.0

    def _emit(self, item: OutboxItem) -> None:
        if item.state in (OutboxState.SENT, OutboxState.FAILED):
            self._due.forget(item.id)
        for listener in self._listeners:
            try:
                listener(item)
            except Exception:  # a broken listener (UI) must not stop deliveries
                log.exception("outbox listener failed")

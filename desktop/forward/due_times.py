"""When each outbox item is due, measured on the monotonic clock so a wall-clock step cannot
stretch a wait.

The store keeps ``next_attempt_at`` as a wall-clock time: it survives a restart and the agent
reads it. Waiting on it directly breaks when the wall clock steps: NTP setting it back 24 h
made an item wait 24 h for a 30 s back-off. So the worker waits on monotonic deadlines instead:

* a due time this process scheduled itself (a back-off, the hold of a request in flight) is
  remembered as "monotonic now + delay", whatever the wall clock does afterwards;
* a due time it did not schedule (left by a previous run, or changed in the store since: the
  agent's "tentar de novo") is read once as "wall due time - wall now", never less than zero
  and never more than ``cap_s`` (the longest delay the worker itself would choose), and from
  then on kept as a monotonic deadline too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.forward.clock import Clock
from desktop.store.outbox import OutboxItem


@dataclass(frozen=True)
class _Deadline:
    stored: datetime      # the item's next_attempt_at this deadline was derived from
    monotonic: float


class DueTimes:
    def __init__(self, clock: Clock, cap_s: float) -> None:
        self._clock = clock
        self._cap_s = cap_s
        self._deadlines: dict[int, _Deadline] = {}

    def scheduled(self, item: OutboxItem, delay_s: float) -> None:
        """``item`` (as just stored) was given its ``next_attempt_at`` ``delay_s`` from now."""
        self._deadlines[item.id] = _Deadline(item.next_attempt_at,
                                             self._clock.monotonic() + max(0.0, delay_s))

    def wait_s(self, item: OutboxItem) -> float:
        """How long from now until ``item`` is due (<= 0: due now)."""
        known = self._deadlines.get(item.id)
        if known is None or known.stored != item.next_attempt_at:
            remaining = (item.next_attempt_at - self._clock.now()).total_seconds()
            known = _Deadline(item.next_attempt_at,
                              self._clock.monotonic() + min(max(0.0, remaining), self._cap_s))
            self._deadlines[item.id] = known
        return known.monotonic - self._clock.monotonic()

    def forget(self, item_id: int) -> None:
        """The item is sent or failed: nothing to wait for any more."""
        self._deadlines.pop(item_id, None)

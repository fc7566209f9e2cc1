"""Exponential back-off with jitter, one definition for every retry loop in Ramal."""

from __future__ import annotations

import random
from dataclasses import dataclass

__all__ = ["Backoff"]


@dataclass(frozen=True)
class Backoff:
    """Delays ``first_s``, ``first_s*factor``, … capped at ``maximum_s``, each scaled by a random
    factor in ``[low, high]`` so many clients (a desk of 30 phones, the outbox's lanes) do not
    retry in lockstep; never below ``minimum_s``."""

    first_s: float = 1.0
    maximum_s: float = 120.0
    factor: float = 2.0
    low: float = 0.8
    high: float = 1.2
    minimum_s: float = 0.0

    def delay(self, attempt: int, rng: random.Random | None = None,
              retry_after_s: float | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (1 = the first retry)."""
        pick = rng or random
        if retry_after_s is not None:
            # the server said exactly how long; a little jitter keeps lanes from waking together
            return retry_after_s * (1.0 + pick.uniform(0.0, 0.1))
        base = min(self.maximum_s, self.first_s * self.factor ** max(0, attempt - 1))
        return max(self.minimum_s, base * pick.uniform(self.low, self.high))

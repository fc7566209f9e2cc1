"""When to try registering again after a failure (pure; no pjsua2, no clock)."""

from __future__ import annotations

import random
from dataclasses import dataclass

# Final answers to REGISTER that retrying cannot fix: bad credentials (3CX blocks an IP that keeps
# failing them) and an extension the PBX does not know.
REFUSED_CODES = frozenset({401, 403, 404, 407})


def is_refusal(code: int) -> bool:
    return code in REFUSED_CODES


@dataclass(frozen=True)
class BackoffPolicy:
    """Exponential back-off with jitter: first, first*factor, … capped at ``maximum`` seconds."""

    first_s: float = 1.0
    factor: float = 2.0
    maximum_s: float = 120.0
    jitter: float = 0.2  # ± fraction, so a desk of 30 phones does not re-register in lockstep

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (1 = the first retry)."""
        base = min(self.maximum_s, self.first_s * self.factor ** max(0, attempt - 1))
        spread = (rng or random).uniform(-self.jitter, self.jitter)
        return max(0.1, base * (1.0 + spread))

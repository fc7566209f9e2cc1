"""When to try registering again after a failure (pure; no pjsua2, no clock)."""

from __future__ import annotations

from desktop.retry.backoff import Backoff

# Final answers to REGISTER that retrying cannot fix: bad credentials (3CX blocks an IP that keeps
# failing them) and an extension the PBX does not know.
REFUSED_CODES = frozenset({401, 403, 404, 407})


def is_refusal(code: int) -> bool:
    return code in REFUSED_CODES


# 1 s, 2 s, 4 s… up to 2 min, ± 20 %: a desk of 30 phones does not re-register in lockstep
REGISTRATION_BACKOFF = Backoff(first_s=1.0, maximum_s=120.0, low=0.8, high=1.2, minimum_s=0.1)

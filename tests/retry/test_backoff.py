"""The one back-off policy: SIP registration's and the outbox's presets."""

from __future__ import annotations

import random

import pytest

from desktop.forward.outbox_worker import OUTBOX_BACKOFF
from desktop.retry.backoff import Backoff
from desktop.sip.backoff import REGISTRATION_BACKOFF


class Fixed(random.Random):
    """uniform(a, b) → the fraction ``at`` of the way from a to b."""

    def __init__(self, at: float) -> None:
        super().__init__()
        self.at = at

    def uniform(self, a: float, b: float) -> float:
        return a + (b - a) * self.at


@pytest.mark.parametrize(("policy", "attempt", "at", "expected"), [
    (REGISTRATION_BACKOFF, 1, 0.5, 1.0),
    (REGISTRATION_BACKOFF, 3, 0.5, 4.0),
    (REGISTRATION_BACKOFF, 20, 0.5, 120.0),     # capped
    (REGISTRATION_BACKOFF, 1, 0.0, 0.8),        # -20 %
    (REGISTRATION_BACKOFF, 1, 1.0, 1.2),        # +20 %
    (OUTBOX_BACKOFF, 1, 1.0, 2.0),
    (OUTBOX_BACKOFF, 4, 0.0, 8.0),              # 16 s, halved
    (OUTBOX_BACKOFF, 30, 1.0, 300.0),           # capped
    (Backoff(first_s=0.01, minimum_s=0.1), 1, 0.5, 0.1),   # never below the floor
])
def test_delays(policy: Backoff, attempt: int, at: float, expected: float) -> None:
    assert policy.delay(attempt, Fixed(at)) == pytest.approx(expected)


def test_the_servers_retry_after_wins_with_a_little_jitter() -> None:
    assert OUTBOX_BACKOFF.delay(1, Fixed(0.0), retry_after_s=30.0) == pytest.approx(30.0)
    assert OUTBOX_BACKOFF.delay(1, Fixed(1.0), retry_after_s=30.0) == pytest.approx(33.0)


def test_without_an_rng_the_delay_stays_within_the_jitter() -> None:
    for _ in range(50):
        assert 0.8 <= REGISTRATION_BACKOFF.delay(1) <= 1.2

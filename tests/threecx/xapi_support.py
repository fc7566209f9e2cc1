"""Helpers of the 3CX tests: the seed's fixed "today", a movable clock, settings for a simulator."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from desktop.demo.simulators.threecx import CLIENT_ID, CLIENT_SECRET, ThreecxSimulator
from desktop.settings.model import ThreecxSettings

TODAY = date(2026, 3, 4)
SP = ZoneInfo("America/Sao_Paulo")


class FakeMonotonic:
    """The client's clock for token ages: tests move it instead of waiting."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def settings_for(pbx: ThreecxSimulator, secret: str = CLIENT_SECRET) -> ThreecxSettings:
    return ThreecxSettings(url=pbx.url, client_id=CLIENT_ID, client_secret=secret)

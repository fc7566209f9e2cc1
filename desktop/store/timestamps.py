"""How the store writes moments: fixed-width UTC text, so SQL string order is time order."""

from __future__ import annotations

from datetime import UTC, datetime

_TS_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def to_db_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the store only keeps aware UTC timestamps")
    return moment.astimezone(UTC).strftime(_TS_FORMAT)


def from_db_time(text: str) -> datetime:
    # fromisoformat reads the fixed format 50× faster than strptime ("Meu desempenho" parses
    # three per call over a week of history); anything else still goes through strptime
    if len(text) == 27 and text.endswith("Z"):
        return datetime.fromisoformat(text)
    return datetime.strptime(text, _TS_FORMAT).replace(tzinfo=UTC)


def optional_db_time(text: str | None) -> datetime | None:
    """A nullable timestamp column (``answered_at``, ``sent_at``...)."""
    return from_db_time(text) if text else None

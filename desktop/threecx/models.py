"""What Ramal reads from XAPI, parsed once at the edge into small frozen values.

3CX adds and drops properties between V20 updates (see the reference's §7), so parsing takes what
it needs, tolerates the rest, and fails with a readable error only when a needed field is
missing or malformed.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from desktop.threecx.errors import bad_response
from desktop.threecx.odata import parse_duration, parse_instant


class QueueStatus(enum.StrEnum):
    LOGGED_IN = "LoggedIn"
    LOGGED_OUT = "LoggedOut"


@dataclass(frozen=True)
class Licence:
    enterprise: bool
    product: str = ""
    version: str = ""


@dataclass(frozen=True)
class XapiUser:
    id: int
    number: str
    display_name: str = ""
    queue_status: QueueStatus | None = None
    profile: str = ""


@dataclass(frozen=True)
class Recording:
    id: int
    start: datetime
    end: datetime | None
    from_dn: str = ""
    from_number: str = ""
    to_dn: str = ""
    to_number: str = ""
    call_type: str = ""
    transcription: str | None = None
    summary: str | None = None
    is_transcribed: bool = False
    sentiment: int | None = None

    @property
    def duration(self) -> timedelta | None:
        return None if self.end is None else self.end - self.start


@dataclass(frozen=True)
class QueueFigures:
    """One queue over the period, from 3CX's reports."""

    number: str
    name: str
    received: int = 0
    answered: int = 0
    abandoned: int = 0
    avg_wait: timedelta = timedelta(0)
    avg_talk: timedelta = timedelta(0)
    sla_breaches: int = 0


@dataclass(frozen=True)
class AgentQueueFigures:
    """One agent in one queue (``GetAgentsInQueueStatisticsData``)."""

    extension: str
    name: str
    queue: str
    answered: int = 0
    lost: int = 0
    avg_ring: timedelta = timedelta(0)
    avg_talk: timedelta = timedelta(0)
    talk: timedelta = timedelta(0)


def _text(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


def _int(row: Mapping[str, Any], key: str, default: int | None = 0) -> int | None:
    value = row.get(key)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_response(f"{key}={str(value)[:40]!r}") from None


def _count(row: Mapping[str, Any], key: str) -> int:
    return _int(row, key) or 0


def _when(row: Mapping[str, Any], key: str) -> datetime:
    try:
        return parse_instant(str(row[key]))
    except (KeyError, ValueError, TypeError):
        raise bad_response(f"{key}={str(row.get(key))[:40]!r}") from None


def _span(row: Mapping[str, Any], key: str) -> timedelta:
    try:
        return parse_duration(row.get(key))
    except (ValueError, AttributeError):
        raise bad_response(f"{key}={str(row.get(key))[:40]!r}") from None


def _optional_text(row: Mapping[str, Any], key: str) -> str | None:
    value = row.get(key)
    return str(value) if value not in (None, "") else None


def parse_licence(row: Mapping[str, Any], version: str = "") -> Licence:
    return Licence(enterprise=row.get("IsEnterprise") is True,
                   product=_text(row, "ProductCode"), version=version)


def parse_user(row: Mapping[str, Any]) -> XapiUser:
    status = row.get("QueueStatus")
    return XapiUser(
        id=_count(row, "Id"), number=_text(row, "Number"), display_name=_text(row, "DisplayName"),
        queue_status=QueueStatus(status) if status in ("LoggedIn", "LoggedOut") else None,
        profile=_text(row, "CurrentProfileName"))


def parse_recording(row: Mapping[str, Any]) -> Recording:
    end = row.get("EndTime")
    return Recording(
        id=_count(row, "Id"), start=_when(row, "StartTime"),
        end=_when(row, "EndTime") if end else None,
        from_dn=_text(row, "FromDn"), from_number=_text(row, "FromCallerNumber"),
        to_dn=_text(row, "ToDn"), to_number=_text(row, "ToCallerNumber"),
        call_type=_text(row, "CallType"),
        transcription=_optional_text(row, "Transcription"), summary=_optional_text(row, "Summary"),
        is_transcribed=row.get("IsTranscribed") is True,
        sentiment=_int(row, "SentimentScore", None))


def parse_agent_in_queue(row: Mapping[str, Any]) -> AgentQueueFigures:
    return AgentQueueFigures(
        extension=_text(row, "Dn"), name=_text(row, "DnDisplayName"), queue=_text(row, "Queue"),
        answered=_count(row, "AnsweredCount"), lost=_count(row, "LostCount"),
        avg_ring=_span(row, "AvgRingTime"), avg_talk=_span(row, "AvgTalkTime"),
        talk=_span(row, "TalkTime"))

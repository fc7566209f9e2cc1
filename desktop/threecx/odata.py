"""The OData spellings XAPI wants: quoted string literals, UTC date-times, function paths,
ISO-8601 durations. Pure functions, table-tested."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from urllib.parse import quote as url_quote

# ``PT2M13.5S``, ``P1DT2H`` (3CX's pattern: optional days, then T with hours/minutes/seconds)
_DURATION = re.compile(
    r"^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?"
    r"(?:(\d+(?:\.\d+)?)S)?)?$")


def literal(value: str) -> str:
    """A string literal: single-quoted, a quote inside doubled (``O'Brien`` → ``'O''Brien'``)."""
    return "'" + value.replace("'", "''") + "'"


def utc_instant(moment: datetime) -> str:
    """An unquoted UTC date-time, as 3CX's filters and period parameters take it."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def parse_instant(text: str) -> datetime:
    """``2026-06-01T12:00:00Z``, ``...+00:00``, with or without fractional seconds → aware UTC."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    # Python 3.11 takes up to 6 fractional digits; .NET writes 7
    value = re.sub(r"(\.\d{6})\d+", r"\1", value)
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"date-time without an offset: {text!r}")
    return moment.astimezone(UTC)


def parse_duration(text: str | None) -> timedelta:
    """An ISO-8601 duration (``PT0S``, ``PT2M13.5S``); empty or null is zero."""
    if not text:
        return timedelta(0)
    match = _DURATION.match(text.strip())
    if not match or text.strip() in ("P", "PT"):
        raise ValueError(f"not an ISO-8601 duration: {text!r}")
    sign, days, hours, minutes, seconds = match.groups()
    total = timedelta(days=float(days or 0), hours=float(hours or 0),
                      minutes=float(minutes or 0), seconds=float(seconds or 0))
    return -total if sign else total


# what stays readable in a function's parameter list (a space in a queue name is escaped)
_FUNCTION_SAFE = "=,:'.-"


def function_path(entity: str, function: str, params: Sequence[tuple[str, str]]) -> str:
    """``Entity/Pbx.Function(a=1,b='x')``; every parameter is required by 3CX (one missing is a
    404), so they are all passed, already spelled (``literal``/``utc_instant``)."""
    inner = ",".join(f"{name}={value}" for name, value in params)
    return f"{entity}/{function}({url_quote(inner, safe=_FUNCTION_SAFE)})"

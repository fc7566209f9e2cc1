"""How values read on the card: Brazilian money, dates, masked documents, safe external text.

Pure functions, no Qt: table-tested in tests/ui/test_formatting.py.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

_DIGITS = re.compile(r"\D")
# Runs without any breaking opportunity longer than this get a zero-width space, so a hostile
# 5000-character "name" wraps instead of widening the popup past the screen.
_LONG_RUN = re.compile(r"\S{40}")
ZERO_WIDTH_SPACE = "\u200b"


def format_brl(value: Decimal) -> str:
    """``Decimal("1234.5")`` → ``"R$ 1.234,50"``."""
    cents = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if cents < 0 else ""
    whole, frac = f"{abs(cents):.2f}".split(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{sign}R$ {'.'.join(groups)},{frac}"


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def format_datetime(value: datetime | None) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else ""


def format_short_datetime(value: datetime | None, today: date) -> str:
    """``14:05`` today, ``12/03 14:05`` this year, full date before."""
    if value is None:
        return ""
    if value.date() == today:
        return value.strftime("%H:%M")
    if value.year == today.year:
        return value.strftime("%d/%m %H:%M")
    return value.strftime("%d/%m/%Y %H:%M")


def mask_document(document: str) -> str:
    """CPF shows only its middle digits (LGPD); a CNPJ shows its root (public company data)."""
    digits = _DIGITS.sub("", document)
    if len(digits) == 11:
        return f"***.{digits[3:6]}.{digits[6:9]}-**"
    if len(digits) == 14:
        return f"{digits[:2]}.{digits[2:5]}.{digits[5:8]}/****-**"
    if not digits:
        return ""
    keep = max(1, len(digits) // 3)
    return "*" * (len(digits) - keep) + digits[-keep:]


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, with an ellipsis when cut."""
    text = text.strip()
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


def wrappable(text: str) -> str:
    """Insert zero-width spaces into very long unbroken runs so a label can wrap them."""
    return _LONG_RUN.sub(lambda m: m.group(0) + ZERO_WIDTH_SPACE, text)


def single_line(text: str) -> str:
    """Collapse line breaks and control characters (for names, titles, notifications)."""
    # control characters and line/paragraph separators only: ZWJ and variation selectors
    # (emoji sequences) are format characters and stay
    return " ".join("".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text).split())


def notification_text(text: str, limit: int = 80) -> str:
    """Text for desktop notifications, which some platforms render as markup: no angle brackets."""
    return clip(single_line(text).replace("<", "‹").replace(">", "›"), limit)

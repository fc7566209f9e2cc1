"""Brazilian phone numbers: one canonical form however they are dialled, typed or signalled.

Caller IDs reach a 3CX extension as ``+55…``, ``55…``, ``0`` + DDD…, ``0`` + carrier code + DDD…
or bare DDD + number, and ISPs type them into IXC in every shape. Everything Brazilian becomes
E.164 (``+5511987654321``); PBX extensions (2–5 digits) stay as they are and are marked internal;
anything else is kept as the digits received, so it can still be shown and searched.

Old mobile numbers without the ninth digit (8 digits starting 6–9, as before 2016) gain it here:
the network has dialled them with the 9 for years, so that is the number that will call.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass

import phonenumbers

# Every area code (DDD) in use in Brazil (Anatel). None contains a zero.
VALID_DDDS: frozenset[str] = frozenset(
    """11 12 13 14 15 16 17 18 19 21 22 24 27 28 31 32 33 34 35 37 38 41 42 43 44 45 46 47 48 49
    51 53 54 55 61 62 63 64 65 66 67 68 69 71 73 74 75 77 79 81 82 83 84 85 86 87 88 89
    91 92 93 94 95 96 97 98 99""".split()
)



def _ascii_digits(text: str) -> str:
    """The digits of ``text`` as ASCII: full-width or other scripts' digits count, the rest not.

    (``re``'s ``\\D`` would keep every Unicode decimal digit, which then leaks into E.164.)
    """
    return "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())


class NumberKind(enum.StrEnum):
    BRAZIL = "br"                    # E.164 Brazilian number
    INTERNAL = "internal"            # a PBX extension or queue (2–5 digits)
    INTERNATIONAL = "international"  # E.164, another country
    OTHER = "other"                  # digits as received (0800, short codes, local without DDD)
    EMPTY = "empty"                  # no digits at all


@dataclass(frozen=True)
class NormalizedNumber:
    number: str
    kind: NumberKind

    @property
    def national(self) -> str:
        """DDD + subscriber digits of a Brazilian number ("11987654321"), else ""."""
        return self.number[3:] if self.kind is NumberKind.BRAZIL else ""

    @property
    def ddd(self) -> str:
        return self.national[:2]

    @property
    def subscriber(self) -> str:
        """The number without its DDD (8 digits for landlines, 9 for mobiles)."""
        return self.national[2:]

    @property
    def is_mobile(self) -> bool:
        return len(self.subscriber) == 9


def subscriber_digits(subscriber: str) -> str | None:
    """Validate an 8/9-digit Brazilian subscriber number, adding a missing mobile ninth digit."""
    if len(subscriber) == 9:
        return subscriber if subscriber[0] == "9" else None
    if len(subscriber) == 8:
        if subscriber[0] in "2345":     # landlines
            return subscriber
        if subscriber[0] in "6789":     # mobile from before the ninth digit
            return "9" + subscriber
    return None


def national_digits(digits: str) -> str | None:
    """``DDD + subscriber`` digits (10 or 11) → canonical national digits, or None."""
    if len(digits) not in (10, 11) or digits[:2] not in VALID_DDDS:
        return None
    subscriber = subscriber_digits(digits[2:])
    return digits[:2] + subscriber if subscriber else None


def _brazil(national: str) -> NormalizedNumber:
    return NormalizedNumber("+55" + national, NumberKind.BRAZIL)


def _international(digits: str) -> NormalizedNumber | None:
    if digits.startswith("55"):
        national = national_digits(digits[2:])
        return _brazil(national) if national else None
    if 7 <= len(digits) <= 15 and digits[0] != "0":
        return NormalizedNumber("+" + digits, NumberKind.INTERNATIONAL)
    return None


def normalize_br_number(raw: str) -> NormalizedNumber:
    """Canonical form of a number as dialled, typed or signalled (see the module docstring)."""
    text = raw.strip()
    plus = text.startswith("+")
    digits = _ascii_digits(text)
    if not digits:
        return NormalizedNumber("", NumberKind.EMPTY)
    found: NormalizedNumber | None = None
    if plus:
        found = _international(digits)
    elif digits.startswith("00"):                 # international prefix
        found = _international(digits[2:])
    elif digits.startswith("0"):                  # national trunk prefix
        rest = digits[1:]
        if len(rest) in (10, 11):                 # 0 + DDD + number
            national = national_digits(rest)
        elif len(rest) in (12, 13):               # 0 + carrier code + DDD + number
            national = national_digits(rest[2:])
        else:
            national = None
        found = _brazil(national) if national else None
    elif len(digits) in (12, 13) and digits.startswith("55"):
        found = _international(digits)
    elif len(digits) in (10, 11):
        national = national_digits(digits)
        found = _brazil(national) if national else None
    elif 2 <= len(digits) <= 5:
        found = NormalizedNumber(digits, NumberKind.INTERNAL)
    return found or NormalizedNumber(("+" if plus else "") + digits, NumberKind.OTHER)


def format_number(number: str) -> str:
    """A normalised number as a Brazilian agent reads it: ``(11) 98765-4321``."""
    normalized = normalize_br_number(number)
    if normalized.kind is NumberKind.BRAZIL:
        sub = normalized.subscriber
        return f"({normalized.ddd}) {sub[:-4]}-{sub[-4:]}"
    if normalized.kind is NumberKind.INTERNATIONAL:
        try:
            parsed = phonenumbers.parse(normalized.number, None)
        except phonenumbers.NumberParseException:
            return normalized.number
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return normalized.number

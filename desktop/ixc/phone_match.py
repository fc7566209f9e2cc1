"""Does this customer's free-text phone field hold the caller's number? And how well?

IXC keeps phones as typed: ``(11) 98765-4321``, ``11987654321``, ``98765-4321``,
``+55 11 9 8765 4321``, ``(11) 3333-4444 / (11) 97777-8888``, old mobiles without the ninth
digit, dots and spaces anywhere. Everything here works on digits, so the format never matters:

* :func:`stored_numbers` splits a field into the numbers it holds, as digits without the ``+55``
  or trunk ``0`` prefix;
* :func:`classify` compares one stored number with the caller (E.164): same DDD and number →
  ``EXACT``; same DDD, number differing only by the mobile ninth digit → ``NINTH_DIGIT``; stored
  without a DDD and the local number matches → ``NO_DDD``; another DDD → never a match;
* :func:`rank_key` orders matches: exact first, active before inactive, then the weaker kinds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from desktop.ixc.models import MatchKind, PhoneMatch
from desktop.phone.numbers import NormalizedNumber, NumberKind

PHONE_COLUMNS = ("telefone_celular", "whatsapp", "fone", "telefone_comercial")

# What people put between two numbers in one field ("/", ",", ";", "|", " e ", " ou ")
_SEPARATORS = re.compile(r"[/,;|]|\be\b|\bou\b|\bou\s*:", re.IGNORECASE)
_DIGIT_RUNS = re.compile(r"\d+")


def _strip_prefixes(digits: str) -> str:
    if len(digits) in (12, 13) and digits.startswith("55"):
        return digits[2:]
    if len(digits) in (11, 12) and digits.startswith("0"):
        return digits[1:]
    if len(digits) in (13, 14) and digits.startswith("0"):      # 0 + carrier code + DDD
        return digits[3:]
    return digits


def stored_numbers(field: str) -> list[str]:
    """The numbers a phone field holds, as national digits (DDD + number, or just the number)."""
    numbers: list[str] = []
    for piece in _SEPARATORS.split(field or ""):
        runs = _DIGIT_RUNS.findall(piece)
        if not runs:
            continue
        joined = "".join(runs)
        if len(joined) <= 13 or (len(joined) == 14 and joined[0] == "0"):
            numbers.append(_strip_prefixes(joined))
            continue
        # two numbers separated only by spaces: group runs greedily into plausible numbers
        current = ""
        for run in runs:
            if current and len(current) >= 8 and len(current + run) > 13:
                numbers.append(_strip_prefixes(current))
                current = ""
            current += run
        if current:
            numbers.append(_strip_prefixes(current))
    return [n for n in numbers if 8 <= len(n) <= 11]


def _same_local(stored: str, caller_subscriber: str) -> MatchKind | None:
    if stored == caller_subscriber:
        return MatchKind.EXACT
    if len(stored) == 8 and stored[0] in "6789" and "9" + stored == caller_subscriber:
        return MatchKind.NINTH_DIGIT
    return None


def foreign_numbers(field: str) -> list[str]:
    """The numbers of a field as international digits: ``+351 912 345 678``,
    ``00351912345678`` and ``351912345678`` all give ``351912345678``."""
    numbers = []
    for piece in _SEPARATORS.split(field or ""):
        digits = "".join(_DIGIT_RUNS.findall(piece))
        if digits.startswith("00"):
            digits = digits[2:]
        if 7 <= len(digits) <= 15:
            numbers.append(digits)
    return numbers


def classify(caller: NormalizedNumber, stored: str) -> MatchKind | None:
    """How one stored number (national digits; international digits for a caller from abroad)
    matches the caller, or None."""
    if caller.kind is NumberKind.INTERNATIONAL:
        # a foreign number has no DDD or ninth-digit history: all its digits must agree
        return MatchKind.EXACT if stored == caller.number.lstrip("+") else None
    if caller.kind is not NumberKind.BRAZIL:
        return None
    if len(stored) in (10, 11):
        if stored[:2] != caller.ddd:
            return None  # the same local number under another DDD is another line
        return _same_local(stored[2:], caller.subscriber)
    if len(stored) in (8, 9):
        return MatchKind.NO_DDD if _same_local(stored, caller.subscriber) else None
    return None


def best_match(caller: NormalizedNumber, row: Mapping[str, str],
               columns: Iterable[str] = PHONE_COLUMNS) -> PhoneMatch | None:
    """The best match of the caller among a cliente row's phone columns."""
    best: PhoneMatch | None = None
    for column in columns:
        field = row.get(column) or ""
        numbers = (foreign_numbers(field) if caller.kind is NumberKind.INTERNATIONAL
                   else stored_numbers(field))
        for number in numbers:
            kind = classify(caller, number)
            if kind is not None and (best is None or kind.rank < best.kind.rank):
                best = PhoneMatch(kind, column, field)
    return best


def rank_key(match: PhoneMatch, active: bool, customer_id: int) -> tuple[int, int, int, int]:
    """Sort key: exact matches first, active before inactive, then weaker kinds, then id."""
    exact = match.kind is MatchKind.EXACT
    return (0 if exact else 1, 0 if active else 1, match.kind.rank, customer_id)


def local8(digits: str) -> str:
    """The last 8 digits: the part of a number every format keeps (the index key)."""
    return digits[-8:]


def search_fragments(caller: NormalizedNumber) -> tuple[str, ...]:
    """LIKE fragments that find the caller however the number was masked.

    One fragment: the last 8 digits with a ``%`` between the two halves (``8765%4321``). IXC
    wraps the value in ``%...%`` and hands it to MySQL's LIKE, whose ``%`` matches any run of
    characters, the empty one included, so it finds ``87654321``, ``8765-4321``,
    ``9 8765 4321``, ``98765.4321`` and ``9222 . 3333`` alike. Masks put their separator
    (if any) between those halves; a number split elsewhere inside its last 8 digits
    (``98 76 54 32 1``) is only found through the phone index. Records stored without the ninth
    digit or without a DDD keep the same 8 digits. Every hit is verified by :func:`classify`,
    so the wider net costs no wrong match.
    """
    if caller.kind is NumberKind.INTERNATIONAL:
        # foreign numbers are grouped in any way (``912 345 678``, ``91 234 56 78``): a ``%``
        # between every one of the last 8 digits finds each grouping; classify() verifies
        return ("%".join(caller.number[-8:]),)
    if caller.kind is not NumberKind.BRAZIL:
        return ()
    tail = caller.subscriber[-8:]
    return (f"{tail[:4]}%{tail[4:]}",)

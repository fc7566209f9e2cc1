"""The subset of OData ``$filter`` the 3CX simulator understands, evaluated on dict rows.

``eq ne gt ge lt le and or``, parentheses, ``contains(Field,'x')``, ``date(Field)``; single-quoted
strings with ``''`` escaping, unquoted ISO date-times, numbers, ``true``/``false``/``null``.
A filter it cannot parse raises :class:`FilterError` (the simulator answers 400 as 3CX does).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

Row = Mapping[str, Any]
Predicate = Callable[[Row], bool]

_TOKEN = re.compile(r"""\s*(?:
    (?P<string>'(?:[^']|'')*')
  | (?P<datetime>\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d))
  | (?P<date>\d{4}-\d\d-\d\d)
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<punct>[(),])
  | (?P<word>[A-Za-z_][A-Za-z0-9_./]*)
)""", re.VERBOSE)

_OPS = {"eq", "ne", "gt", "ge", "lt", "le"}


class FilterError(ValueError):
    pass


def _instant(text: str) -> datetime:
    value = text[:-1] + "+00:00" if text.endswith("Z") else text
    value = re.sub(r"(\.\d{6})\d+", r"\1", value)
    return datetime.fromisoformat(value)


def _tokens(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise FilterError(f"bad filter near {text[pos:pos + 20]!r}")
        kind = match.lastgroup or ""
        found.append((kind, match.group(kind)))
        pos = match.end()
    return found


Operand = Callable[[Row], Any]


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.pos = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (value is not None and token[1].lower() != value):
            raise FilterError(f"expected {value or 'more'}")
        self.pos += 1
        return token

    def parse(self) -> Predicate:
        predicate = self.or_expr()
        if self.peek() is not None:
            raise FilterError(f"unexpected {self.peek()}")
        return predicate

    def or_expr(self) -> Predicate:
        parts = [self.and_expr()]
        while (t := self.peek()) and t[1].lower() == "or":
            self.take()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else (lambda r: any(p(r) for p in parts))

    def and_expr(self) -> Predicate:
        parts = [self.term()]
        while (t := self.peek()) and t[1].lower() == "and":
            self.take()
            parts.append(self.term())
        return parts[0] if len(parts) == 1 else (lambda r: all(p(r) for p in parts))

    def term(self) -> Predicate:
        token = self.peek()
        if token == ("punct", "("):
            self.take()
            inner = self.or_expr()
            self.take(")")
            return inner
        if token and token[1] == "contains":
            self.take()
            self.take("(")
            field = self.operand()
            self.take(",")
            needle = self.operand()
            self.take(")")
            return lambda r: str(needle(r)).lower() in str(field(r) or "").lower()
        left = self.operand()
        op = self.take()[1].lower()
        if op not in _OPS:
            raise FilterError(f"unknown operator {op}")
        right = self.operand()
        return lambda r: _compare(left(r), op, right(r))

    def operand(self) -> Operand:
        kind, value = self.take()
        if kind == "string":
            text = value[1:-1].replace("''", "'")
            return lambda r: text
        if kind == "datetime":
            moment = _instant(value)
            return lambda r: moment
        if kind == "date":
            day = date.fromisoformat(value)
            return lambda r: day
        if kind == "number":
            number = float(value)
            return lambda r: number
        if kind == "word":
            lowered = value.lower()
            if lowered in ("true", "false"):
                return lambda r: lowered == "true"
            if lowered == "null":
                return lambda r: None
            if lowered == "date":
                self.take("(")
                inner = self.operand()
                self.take(")")
                return lambda r: _as_date(inner(r))
            return lambda r: r.get(value)
        raise FilterError(f"unexpected {value!r}")


def _as_date(value: Any) -> date | None:
    if isinstance(value, str):
        return _instant(value).date()
    if isinstance(value, datetime):
        return value.date()
    return None


def _coerce(a: Any, b: Any) -> tuple[Any, Any]:
    if isinstance(b, datetime) and isinstance(a, str):
        return _instant(a), b
    if isinstance(a, datetime) and isinstance(b, str):
        return a, _instant(b)
    if isinstance(b, float) and isinstance(a, (int, str)) and not isinstance(a, bool):
        return float(a), b
    return a, b


def _compare(a: Any, op: str, b: Any) -> bool:
    a, b = _coerce(a, b)
    if op == "eq":
        return bool(a == b)
    if op == "ne":
        return bool(a != b)
    if a is None or b is None:
        return False
    try:
        return {"gt": a > b, "ge": a >= b, "lt": a < b, "le": a <= b}[op]
    except TypeError:
        raise FilterError(f"cannot compare {a!r} and {b!r}") from None


def compile_filter(text: str) -> Predicate:
    return _Parser(text).parse()

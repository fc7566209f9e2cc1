"""Rows as sqlite-utils gives them (dicts keyed by column name), and the store's lookups on them.

Every store maps a row to its dataclass by column name, never by position: a column added by a
migration (``ALTER TABLE ... ADD COLUMN`` appends it) or a table rebuilt in another column order
cannot shift one field into another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlite_utils
from sqlite_utils.db import NotFoundError

Row = Mapping[str, Any]


def row_by_pk(table: sqlite_utils.db.Table, pk: int | str) -> Row:
    """The row whose primary key is ``pk``; KeyError (what the stores promise) when absent."""
    try:
        return table.get(pk)
    except NotFoundError:
        raise KeyError(pk) from None


def first_row(rows: Iterable[Row]) -> Row | None:
    return next(iter(rows), None)


def update_row(table: sqlite_utils.db.Table, pk: int | str, changes: Mapping[str, Any],
               conversions: Mapping[str, str] | None = None) -> None:
    """``table.update`` of one row; KeyError when absent. ``conversions`` are SQL around the
    value, e.g. ``{"attempts": "attempts + ?"}`` to add to what is stored."""
    try:
        table.update(pk, dict(changes), conversions=dict(conversions or {}))
    except NotFoundError:
        raise KeyError(pk) from None

"""Which calls the "Histórico" tab shows: one definition for the store's query and the tab's
buttons (a plain value, no SQL, so the widgets can use it)."""

from __future__ import annotations

import enum

__all__ = ["HistoryFilter"]


class HistoryFilter(enum.StrEnum):
    ALL = "all"
    MISSED = "missed"
    ANSWERED = "answered"
    NOT_LOGGED = "not_logged"     # answered calls without an attendance logged yet

"""Deleting Qt objects that Python may own, without a use-after-free.

``deleteLater`` alone is not enough for an object Python owns (a window with no parent, or a
widget after ``setParent(None)``): when Python drops its last reference, shiboken deletes the
C++ object at once — possibly inside one of the object's own signals (a button on a popup that
closes it), which is exactly what ``deleteLater`` was meant to avoid — and Qt's deferred delete
then has nothing left to delete safely. Objects handed to :func:`dispose_later` stay referenced
from Python until Qt has really destroyed them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

_dying: dict[int, QObject] = {}


def dispose_later(obj: QObject) -> None:
    """``obj.deleteLater()``, keeping the Python wrapper alive until Qt has destroyed it."""
    key = id(obj)
    if key in _dying:
        return
    _dying[key] = obj
    obj.destroyed.connect(lambda *_args, key=key: _dying.pop(key, None))
    obj.deleteLater()


def pending() -> int:
    """How many objects wait for their deferred delete (for tests)."""
    return len(_dying)

"""Suite-wide set-up: Qt runs offscreen, and tests are marked by the real peers they need."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# pytest-qt creates the QApplication; offscreen unless a test starts its own Xvfb display
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_MARK_BY_FOLDER = {"sip": "sip", "audio": "audio"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark tests by folder so `-m "not sip"` selects what a machine without Kamailio can run."""
    root = Path(__file__).parent
    for item in items:
        parts = Path(item.path).relative_to(root).parts
        if parts and parts[0] in _MARK_BY_FOLDER:
            item.add_marker(_MARK_BY_FOLDER[parts[0]])

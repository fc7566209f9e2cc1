"""dispose_later: a window closed from one of its own signals is deleted once, later."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.qt_lifetime import dispose_later, pending


class Popup(QWidget):
    def __init__(self, owner: dict[str, QWidget]) -> None:
        super().__init__()
        self.button = QPushButton("Fechar", self)
        QVBoxLayout(self).addWidget(self.button)

        def close_me() -> None:
            popup = owner.pop("popup")      # the app's last reference goes away here
            dispose_later(popup)
            gc.collect()                    # would delete the C++ object mid-signal if unowned

        self.button.clicked.connect(close_me)


def test_a_window_closed_from_its_own_button_is_deleted_later(qtbot: QtBot) -> None:
    owner: dict[str, QWidget] = {}
    owner["popup"] = Popup(owner)
    destroyed: list[bool] = []
    owner["popup"].destroyed.connect(lambda *_: destroyed.append(True))
    owner["popup"].button.click()           # returns into a live object
    assert not destroyed and pending() >= 1
    qtbot.waitUntil(lambda: bool(destroyed))
    qtbot.waitUntil(lambda: pending() == 0)

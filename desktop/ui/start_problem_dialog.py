"""A start-up problem the agent must decide on (the database, for now): the text, what each way
out costs, and one button per way out. Widgets only: the caller passes the labels and gets back
the key of the button pressed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget


class StartProblemDialog(QMessageBox):
    def __init__(self, text: str, informative: str, choices: Sequence[tuple[str, str]],
                 detail: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Ramal")
        self.setText(text)
        self.setInformativeText(informative)
        if detail:  # SQLite's own words, for the technician; hidden behind "Mostrar detalhes"
            self.setDetailedText(detail)
        self._keys: dict[object, str] = {}
        for index, (key, label) in enumerate(choices):
            role = (QMessageBox.ButtonRole.RejectRole if index == len(choices) - 1
                    else QMessageBox.ButtonRole.AcceptRole)
            button = self.addButton(label, role)
            self._keys[button] = key
            if index == 0:
                self.setDefaultButton(button)
        self.chosen = choices[-1][0]  # closing the dialog is the last way out (quit)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button: object) -> None:
        self.chosen = self._keys.get(button, self.chosen)

    def ask(self) -> str:
        self.exec()
        return self.chosen

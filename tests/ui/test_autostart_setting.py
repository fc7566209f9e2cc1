"""Settings → "Iniciar com o sistema": the checkbox shows the real autostart entry (in a scratch
XDG_CONFIG_HOME) and saving writes or removes it; the entry starts the GUI in the tray."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.app.cli import build_parser
from desktop.demo.desk_demo import DemoBackends
from desktop.system.autostart import Autostart, login_command
from desktop.ui.settings_dialog import SettingsDialog
from tests.ui.desk_under_test import DeskUnderTest


def _open(ramal: DeskUnderTest) -> SettingsDialog:
    ramal.open_settings()
    dialog = ramal.settings_dialog
    assert dialog is not None
    return dialog


def _save(dialog: SettingsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


async def test_checkbox_reflects_and_writes_the_login_entry(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, _ = desk
    assert ramal.autostart is not None
    entry = ramal.autostart.desktop_file
    dialog = _open(ramal)
    assert not dialog.autostart_box.isHidden() and not dialog.autostart_box.isChecked()
    dialog.autostart_box.setChecked(True)
    _save(dialog)
    assert ramal.settings_dialog is None or not ramal.settings_dialog.isVisible()
    assert entry.is_file() and ramal.autostart.is_enabled()
    exec_line = next(ln for ln in entry.read_text().splitlines() if ln.startswith("Exec="))
    assert exec_line.endswith(" gui --minimized")
    qtbot.waitUntil(lambda: ramal.settings_dialog is None)

    dialog = _open(ramal)
    assert dialog.autostart_box.isChecked()       # reads the entry, not a remembered flag
    dialog.autostart_box.setChecked(False)
    _save(dialog)
    assert not entry.exists() and not ramal.autostart.is_enabled()


async def test_an_entry_written_elsewhere_shows_checked(
        desk: tuple[DeskUnderTest, DemoBackends]) -> None:
    ramal, _ = desk
    assert ramal.autostart is not None
    ramal.autostart.enable()                       # e.g. the installer's task
    assert _open(ramal).autostart_box.isChecked()


async def test_failure_is_said_and_nothing_is_saved(
        desk: tuple[DeskUnderTest, DemoBackends], tmp_path: Path) -> None:
    ramal, _ = desk
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")                         # autostart/ cannot be created under a file
    ramal.autostart = Autostart(["/opt/ramal/ramal"], config_home=blocked)
    dialog = _open(ramal)
    dialog.autostart_box.setChecked(True)
    _save(dialog)
    assert dialog.isVisible()
    assert "início com o sistema" in dialog.error_label.text()
    assert not ramal.config_path.exists()
    assert not ramal.autostart.is_enabled() and blocked.read_text() == ""


def test_without_autostart_the_checkbox_is_not_offered(qtbot: QtBot) -> None:
    from desktop.settings.model import Settings

    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    assert dialog.autostart_box.isHidden()
    assert dialog.autostart_wanted() is None


def test_the_login_command_starts_the_gui_minimized(tmp_path: Path) -> None:
    config = tmp_path / "outro ramal.toml"
    command = login_command(config)
    assert Path(command[0]).exists()
    arguments = command[1:] if not getattr(sys, "frozen", False) else command
    arguments = arguments[1:] if arguments and arguments[0].endswith("main.py") else arguments
    args = build_parser().parse_args(arguments)
    assert args.command == "gui" and args.minimized is True and args.config == config
    assert build_parser().parse_args([]).minimized is False
    assert build_parser().parse_args(["--minimized"]).minimized is True
    assert build_parser().parse_args(["gui"]).minimized is False
    assert "--config" not in login_command()
